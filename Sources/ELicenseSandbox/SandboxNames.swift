/// Word lists the names are drawn from. People are common surnames and given names put together
/// at random: fictional, though any two-character Chinese name is bound to be someone's.
enum SandboxNames {
    /// Frequent in Shandong (曲, 姜, 于, 隋, 栾, 鞠 more than elsewhere), with two compound
    /// surnames so masking (欧阳**) has something to do.
    static let surnames = [
        "王", "张", "李", "刘", "陈", "杨", "赵", "孙", "徐", "马", "朱", "胡", "郭", "高", "林", "郑", "宋",
        "韩", "曹", "许", "冯", "于", "董", "吕", "曲", "姜", "丁", "毕", "邢", "隋", "栾", "鞠", "孔", "颜",
        "崔", "袁", "欧阳", "司马",
    ]

    static let givenNames = [
        "建国", "明远", "志强", "海涛", "晓燕", "丽娟", "文博", "思远", "俊杰", "雪梅", "红霞", "玉兰", "国栋",
        "立新", "春雷", "秀英", "桂芝", "永刚", "德明", "淑珍", "晓东", "鹏飞", "婷婷", "欣怡", "子涵", "浩然",
        "宇航", "佳琪", "振华", "庆海", "凤英", "洪亮", "学军", "卫东", "瑞雪", "梦琪", "嘉怡", "一鸣", "伟",
        "静", "磊", "敏", "杰", "涛", "勇", "芳", "强", "军", "慧", "超",
    ]

    /// 字号 of companies; each is used once.
    static let companyTradeNames = [
        "泉润", "海晟", "瀚宇", "齐鑫", "华嘉", "博远", "恒泰", "嘉禾", "汇通", "昊天", "岱鼎", "明湖", "鑫源",
        "聚丰", "瑞祥", "景润", "晨曦", "弘毅", "宏图", "启航", "青禾", "云帆", "蓝海", "盛泉", "益众", "德润",
        "卓越", "百川", "鼎信", "安和", "泓源", "新泉", "永盛", "华泽", "海润", "佳合", "锦程", "星辰", "远航",
        "润禾", "众诚", "睿达", "和信", "金岳", "银帆", "沐阳", "恒睿", "智岚", "森鸿", "明澜", "拓维", "君朗",
        "驰远", "融汇", "尚品", "禾丰", "鲁骏", "澜石", "铭泰", "天衡",
    ]

    /// 字号 of individual businesses that are not named 某记.
    static let shopTradeNames = [
        "惠佳", "鑫旺", "福满", "好运来", "老街坊", "顺心", "宏达", "乐家", "佳佳", "小胖", "老地方", "兴隆",
        "金三角", "同乐", "开心", "万家",
    ]

    /// 字号 of cooperatives, neutral enough to go with any product.
    static let cooperativeTradeNames = [
        "丰源", "富农", "益农", "兴农", "鑫农", "丰收", "康源", "惠丰", "乡情", "众联", "同心", "和丰", "联富",
        "永丰", "兴旺", "福众",
    ]

    /// Village names of the kind found in every county; the town before them is real.
    static let villages = [
        "南庄", "西河", "北岭", "东崖", "后店", "前洼", "大王家", "小李庄", "柳树", "杏园", "石门", "河南",
        "新立", "官庄", "马家沟",
    ]

    /// Building names for the 住所 of companies.
    static let buildings = ["A座", "B座", "C座", "1号楼", "2号楼", "3号楼", "5号楼", "6号楼"]
}
