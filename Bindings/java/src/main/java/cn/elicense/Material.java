package cn.elicense;

import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * License material (证照材料): the verified, signed replacement for an uploaded scan of the paper
 * license, issued by the front for one purpose. Store {@link #getRecordJson()} (the signed
 * record) and the document where the scan used to go; anyone can later verify it by
 * {@link #getCode()}, {@link #getId()} or at {@link #getVerifyUrl()}. Immutable.
 */
public final class Material {
    private final String id;
    private final String code;
    private final String verifyUrl;
    private final Instant expiresAt;
    private final byte[] document;
    private final MaterialFormat format;
    private final boolean inBusiness;
    private final String recordJson;

    private Material(String id, String code, String verifyUrl, Instant expiresAt, byte[] document, MaterialFormat format,
            boolean inBusiness, String recordJson) {
        this.id = id;
        this.code = code;
        this.verifyUrl = verifyUrl;
        this.expiresAt = expiresAt;
        this.document = document;
        this.format = format;
        this.inBusiness = inBusiness;
        this.recordJson = recordJson;
    }

    /** Copies everything out of an elic_material handle (the caller frees it). */
    static Material read(LibElicense lib, Pointer material, MaterialFormat format) {
        LibElicense.SizeTByReference length = new LibElicense.SizeTByReference();
        Pointer document = lib.elic_material_document(material, length);
        return new Material(NativeSupport.string(lib.elic_material_id(material)),
                NativeSupport.string(lib.elic_material_code(material)),
                NativeSupport.string(lib.elic_material_verify_url(material)),
                NativeSupport.instant(lib.elic_material_expires_at(material)),
                NativeSupport.bytes(document, length), format, lib.elic_material_in_business(material) == 1,
                NativeSupport.string(lib.elic_material_json(material)));
    }

    /** The material id (mt_…). */
    public String getId() {
        return id;
    }

    /** The verification code printed on the document (XXXX-XXXX-XXXX). */
    public String getCode() {
        return code;
    }

    /** Where a person verifies the material; also what its QR code encodes. */
    public String getVerifyUrl() {
        return verifyUrl;
    }

    /** Until when the material is valid. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /** The document (a copy), already checked against the signed record's SM3 digest. */
    public byte[] getDocument() {
        return document.clone();
    }

    /** The document's size in bytes. */
    public int getDocumentSize() {
        return document.length;
    }

    /** PDF or PNG, as requested. */
    public MaterialFormat getFormat() {
        return format;
    }

    /**
     * True when the license the material was issued on was in business (登记状态 存续 or 在业)
     * at issue; the signed record carries that license ({@code elic_material_in_business}).
     * A material of a 吊销, 注销 or 迁出 enterprise verifies as valid all the same.
     */
    public boolean inBusiness() {
        return inBusiness;
    }

    /** The signed material record (protocol v1 MaterialRecord JSON), to store in place of the scan. */
    public String getRecordJson() {
        return recordJson;
    }

    /** Writes the document to {@code path}, creating or replacing the file. */
    public void save(Path path) throws IOException {
        Files.write(path, document);
    }

    @Override
    public String toString() {
        return "Material{" + id + ", code=" + code + ", " + format + ", " + document.length + " bytes, expires " + expiresAt + "}";
    }
}
