package cn.elicense;

import com.sun.jna.Pointer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The license data (照面信息) of an enterprise, as fetched with a grant and checked against the
 * issuer's signature by libelicense. Immutable; getters in Java bean style (usable from JSP EL:
 * {@code ${license.name}}), plus the raw text of each field ({@link #get(LicenseField)}) and
 * the protocol v1 JSON with the issuer's signature ({@link #getJson()}).
 *
 * <p>A 吊销, 注销 or 迁出 enterprise is returned like any other: check {@link #inBusiness()}
 * before accepting the license for a matter; {@link #getState()} says which state it is.
 */
public final class License {
    private final Map<LicenseField, String> fields;
    private final LicenseState state;
    private final boolean inBusiness;
    private final String json;

    private License(Map<LicenseField, String> fields, LicenseState state, boolean inBusiness, String json) {
        this.fields = fields;
        this.state = state;
        this.inBusiness = inBusiness;
        this.json = json;
    }

    /** Copies everything out of an elic_license handle (the caller frees it). */
    static License read(LibElicense lib, Pointer license) {
        Map<LicenseField, String> fields = new EnumMap<LicenseField, String>(LicenseField.class);
        for (LicenseField field : LicenseField.values()) {
            String value = NativeSupport.string(lib.elic_license_get(license, field.code()));
            if (value != null) {
                fields.put(field, value);
            }
        }
        return new License(Collections.unmodifiableMap(fields), LicenseState.fromCode(lib.elic_license_state(license)),
                lib.elic_license_in_business(license) == 1, NativeSupport.string(lib.elic_license_json(license)));
    }

    /** The raw text of a field; null when the license leaves it empty. */
    public String get(LicenseField field) {
        return fields.get(field);
    }

    /** Every non-empty field as text, in field order. */
    public Map<LicenseField, String> getFields() {
        return fields;
    }

    /** 统一社会信用代码 (uniscid). */
    public String getUscc() {
        return fields.get(LicenseField.UNISCID);
    }

    /** 名称 (entname). */
    public String getName() {
        return fields.get(LicenseField.ENTNAME);
    }

    /** 类型 (enttype), e.g. 有限责任公司（自然人投资或控股）. */
    public String getType() {
        return fields.get(LicenseField.ENTTYPE);
    }

    /** 法定代表人 / 负责人 (lerep). */
    public String getLegalRepresentative() {
        return fields.get(LicenseField.LEREP);
    }

    /**
     * 注册资本 (regcap) in 万 (units of 10 000) of {@link #getCurrency()}, as the regulator states
     * it: 500 means 500万元 for CNY. Null when the entity has no registered capital.
     */
    public BigDecimal getRegisteredCapital() {
        String value = fields.get(LicenseField.REGCAP);
        return value == null ? null : new BigDecimal(value);
    }

    /** 注册资本币种 (regcapcur), ISO 4217, e.g. CNY; null with no registered capital. */
    public String getCurrency() {
        return fields.get(LicenseField.REGCAPCUR);
    }

    /** 成立日期 (estdate). */
    public LocalDate getEstablishedOn() {
        return date(LicenseField.ESTDATE);
    }

    /** 营业期限自 (opfrom). */
    public LocalDate getOperatingFrom() {
        return date(LicenseField.OPFROM);
    }

    /** 营业期限至 (opto); null means 长期 (no fixed term). */
    public LocalDate getOperatingTo() {
        return date(LicenseField.OPTO);
    }

    /** True when the operating term has no end (营业期限 长期). */
    public boolean isOperatingIndefinitely() {
        return fields.get(LicenseField.OPTO) == null;
    }

    /** 住所 (dom). */
    public String getAddress() {
        return fields.get(LicenseField.DOM);
    }

    /** 经营范围 (opscope). */
    public String getBusinessScope() {
        return fields.get(LicenseField.OPSCOPE);
    }

    /** 登记机关 (regorg). */
    public String getRegistrationAuthority() {
        return fields.get(LicenseField.REGORG);
    }

    /** 核准日期 (apprdate). */
    public LocalDate getApprovedOn() {
        return date(LicenseField.APPRDATE);
    }

    /** 登记状态 (regstate); {@link LicenseState#OTHER} for a state with no constant, see {@link #getStateText()}. */
    public LicenseState getState() {
        return state;
    }

    /**
     * True when the 登记状态 is 存续 or 在业: the enterprise may do business. False for 吊销, 注销,
     * 迁出 and any other state — the material would still be issued and verify as valid, so
     * check this before accepting the license for a matter ({@code elic_license_in_business}).
     */
    public boolean inBusiness() {
        return inBusiness;
    }

    /** 登记状态 as the regulator wrote it, e.g. 存续（在营、开业、在册）. */
    public String getStateText() {
        return fields.get(LicenseField.REGSTATE);
    }

    /** The protocol v1 license response: the signed license with the issuer's signature, and the subject. */
    public String getJson() {
        return json;
    }

    private LocalDate date(LicenseField field) {
        String value = fields.get(field);
        return value == null ? null : LocalDate.parse(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof License && ((License) other).fields.equals(fields) && ((License) other).json.equals(json);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "License{" + getUscc() + " " + getName() + ", " + state + "}";
    }
}
