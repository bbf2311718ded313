/// Filled 电子营业执照应用接入信息表, as an operator receives them.
enum AccessForms {
    /// Chinese keys, YAML, one application system filed with its source address.
    static let chinese = """
        机构名称: 济南市行政审批服务局
        机构性质: 政府机关
        统一社会信用代码: 11370000004183422T
        通信地址: 山东省济南市历下区龙鼎大道1号
        联系人姓名: 王五
        部门及职务: 信息中心 科长
        联系电话: 0531-88888888
        电子邮件: wangwu@example.gov.cn
        应用系统:
          - 应用系统名称: 企业开办一网通办系统
            域名（IP）及端口: 10.1.2.3:8080
            所属领域、行业、业务种类简介: 市场监管；企业设立登记
            来源地址: [127.0.0.1]

        """

    /// English keys, JSON.
    static let english = """
        {"name": "青岛市市场监督管理局", "nature": "事业单位", "uscc": "12100000400011825T",
         "address": "山东省青岛市市南区香港中路1号", "contact_name": "李四", "contact_position": "科技信息处 处长",
         "phone": "0532-88888888", "email": "lisi@example.gov.cn",
         "systems": [{"name": "食品经营许可系统", "endpoint": "qd-food.example.gov.cn:443", "description": "市场监管；食品经营许可",
                      "allowed_addresses": ["10.2.3.0/24"]}]}
        """
}
