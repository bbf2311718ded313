package cn.elicense;

/**
 * The fields of the license data (照面信息) by the market regulator's names (ELIC_LICENSE_*),
 * for {@link License#get(LicenseField)}; {@link License} has a typed getter for each.
 */
public enum LicenseField {
    /** 统一社会信用代码. */
    UNISCID(1, "统一社会信用代码"),
    /** 名称. */
    ENTNAME(2, "名称"),
    /** 类型. */
    ENTTYPE(3, "类型"),
    /** 法定代表人（负责人）. */
    LEREP(4, "法定代表人"),
    /** 注册资本, a decimal in 万 (10 000) of the currency {@link #REGCAPCUR}. */
    REGCAP(5, "注册资本"),
    /** 注册资本币种, ISO 4217. */
    REGCAPCUR(6, "注册资本币种"),
    /** 成立日期, YYYY-MM-DD. */
    ESTDATE(7, "成立日期"),
    /** 营业期限自, YYYY-MM-DD. */
    OPFROM(8, "营业期限自"),
    /** 营业期限至, YYYY-MM-DD; absent means 长期. */
    OPTO(9, "营业期限至"),
    /** 住所. */
    DOM(10, "住所"),
    /** 经营范围. */
    OPSCOPE(11, "经营范围"),
    /** 登记机关. */
    REGORG(12, "登记机关"),
    /** 核准日期, YYYY-MM-DD. */
    APPRDATE(13, "核准日期"),
    /** 登记状态 as text. */
    REGSTATE(14, "登记状态");

    private final int code;
    private final String label;

    LicenseField(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The field's Chinese label as printed on forms. */
    public String label() {
        return label;
    }

    /** The regulator's wire name, e.g. {@code uniscid}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
