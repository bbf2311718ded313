package cn.elicense;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who the front system takes this application for ({@link ElicenseClient#whoami()}): the
 * protocol's WhoAmI, field for field as Python's {@code elicense.Whoami}. Immutable.
 */
public final class Whoami {
    private final String appId;
    private final String appName;
    private final String unitName;
    private final String profile;
    private final String keyId;
    private final Instant serverTime;
    private final String frontName;
    private final String level;
    private final String regionCode;
    private final String regionName;
    private final String instance;
    private final String json;

    private Whoami(Map<String, String> fields, String json) {
        this.appId = fields.getOrDefault("app_id", "");
        this.appName = fields.getOrDefault("app_name", "");
        this.unitName = fields.getOrDefault("unit_name", "");
        this.profile = fields.getOrDefault("profile", "");
        this.keyId = fields.getOrDefault("key_id", "");
        this.serverTime = timestamp(fields.get("server_time"));
        this.frontName = fields.getOrDefault("front_name", "");
        this.level = fields.getOrDefault("level", "");
        this.regionCode = fields.getOrDefault("region_code", "");
        this.regionName = fields.getOrDefault("region_name", "");
        this.instance = fields.getOrDefault("instance", "");
        this.json = json;
    }

    /** The WhoAmI JSON elic_client_whoami returns: one object whose members are text. */
    static Whoami parse(String json) {
        Object value = Json.parse("elic_client_whoami", json);
        if (!(value instanceof Map)) {
            throw new IllegalStateException("elic_client_whoami: not a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<?, ?> member : ((Map<?, ?>) value).entrySet()) {
            if (member.getValue() instanceof Map || member.getValue() instanceof List) {
                throw new IllegalStateException("elic_client_whoami: nested value in " + member.getKey());
            }
            fields.put((String) member.getKey(), (String) member.getValue());
        }
        return new Whoami(fields, json);
    }

    /** The authenticated application's id. */
    public String getAppId() {
        return appId;
    }

    /** The application's registered name. */
    public String getAppName() {
        return appName;
    }

    /** The access unit (接入单位) the application belongs to. */
    public String getUnitName() {
        return unitName;
    }

    /** The front's profile: "sandbox" or "production". */
    public String getProfile() {
        return profile;
    }

    /** The id of the application key the request was verified with. */
    public String getKeyId() {
        return keyId;
    }

    /** The front's clock; null if the front sent none. */
    public Instant getServerTime() {
        return serverTime;
    }

    /** The name of the front system that answered; "" from a front that sends none. */
    public String getFrontName() {
        return frontName;
    }

    /** The front's level: "city" (市级前置系统) or "province" (省级前置系统); "" from a front that sends none. */
    public String getLevel() {
        return level;
    }

    /** The 6-digit 行政区划代码 of the region the front serves; "" from a front that sends none. */
    public String getRegionCode() {
        return regionCode;
    }

    /** The name of the region the front serves, e.g. 济南市; "" from a front that sends none. */
    public String getRegionName() {
        return regionName;
    }

    /** The front instance that answered (its X-Elicense-Instance); "" from a front that sends none. */
    public String getInstance() {
        return instance;
    }

    /** The protocol v1 WhoAmI JSON. */
    public String getJson() {
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Whoami && ((Whoami) other).json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "Whoami{appId=" + appId + ", appName=" + appName + ", unitName=" + unitName + ", profile=" + profile
                + ", keyId=" + keyId + ", serverTime=" + serverTime + ", frontName=" + frontName + ", level=" + level
                + ", regionCode=" + regionCode + ", regionName=" + regionName + ", instance=" + instance + "}";
    }

    private static Instant timestamp(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
