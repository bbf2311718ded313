// The generated classes of Bindings/java/src/main/java/cn/elicense: LibElicense (JNA), the
// constant enums with their javadoc, the exception classes and the ABI version.
import ELicenseCore

private let header = "// " + generatedNotice + "\npackage cn.elicense;\n"

/// Javadoc text: HTML's specials escaped, and nothing that ends the comment.
private func javadoc(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "*/", with: "*&#47;")
}

private func javaString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// `login_id` → `loginId`.
private func camel(_ name: String) -> String {
    let parts = name.split(separator: "_")
    return ([String(parts[0])] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }).joined()
}

/// `elic_progress_cb` → `ProgressCallback`.
private func javaCallback(_ name: String) -> String {
    let base = name.hasSuffix("_cb") ? String(name.dropLast(3)) + "_callback" : name
    let words = camel(String(base.dropFirst("elic_".count)))
    return words.prefix(1).uppercased() + words.dropFirst()
}

private func jnaType(_ type: CType, _ model: Model, result: Bool) throws(GeneratorError) -> String {
    switch (type.base, type.pointers) {
    case ("void", 0): return "void"
    case ("int32_t", 0), ("elic_status", 0): return "int"
    case ("int64_t", 0): return "long"
    // An argument is NativeSupport.cString's NUL-terminated UTF-8.
    case ("char", 1) where type.isConst: return result ? "Pointer" : "byte[]"
    case ("char", 2): return "PointerByReference"
    case ("void", 1), ("uint8_t", 1): return "Pointer"
    case ("size_t", 1): return "SizeTByReference"
    case ("int32_t", 1): return "IntByReference"
    case (let base, 0) where model.types.callbacks.contains { $0.name == base }: return javaCallback(base)
    case (let base, 1) where model.types.handles.contains(base): return "Pointer"
    case (let base, 2) where model.types.handles.contains(base): return "PointerByReference"
    default: throw GeneratorError("no JNA mapping for \(type.spelled)")
    }
}

func javaFiles(_ model: Model) throws(GeneratorError) -> [(String, String)] {
    var files = [("LibElicense", try libElicense(model)), ("Status", javaStatus()), ("AbiVersion", abiVersion())]
    files += model.constantSets.map { ($0.type, javaEnum($0)) }
    files += try javaExceptions()
    return files
}

private func abiVersion() -> String {
    header + """

        /** {@code ELIC_ABI_VERSION}: the ABI this binding was written for; a library of another ABI version is refused. */
        final class AbiVersion {
            static final int VALUE = \(ELicenseVersion.abi);

            private AbiVersion() {
            }
        }

        """
}

private func libElicense(_ model: Model) throws(GeneratorError) -> String {
    var out =
        header + """

            import com.sun.jna.Callback;
            import com.sun.jna.Library;
            import com.sun.jna.Native;
            import com.sun.jna.Pointer;
            import com.sun.jna.ptr.ByReference;
            import com.sun.jna.ptr.IntByReference;
            import com.sun.jna.ptr.PointerByReference;

            /**
             * The C ABI of libelicense ({@code Include/elicense.h}), one method per exported function, in
             * the header's order. Package-private: the public classes never expose {@link Pointer}.
             *
             * <p>Mapping rules: handles are {@link Pointer}; input strings are NUL-terminated UTF-8
             * {@code byte[]} (see {@link NativeSupport#cString}); {@code const char *} results are borrowed
             * {@link Pointer}s read with {@code getString(0, "UTF-8")}; {@code char **out} results are
             * {@link PointerByReference}s whose value the caller frees with {@link #elic_free};
             * {@code int32_t} is {@code int}, {@code int64_t} is {@code long}, {@code size_t *} is
             * {@link SizeTByReference}.
             */
            interface LibElicense extends Library {

            """
    for callback in model.types.callbacks {
        let parameters = try callback.parameters.map { (parameter) throws(GeneratorError) in
            "\(try jnaType(parameter.type, model, result: false)) \(camel(parameter.name))"
        }
        out += """
                /** {@code \(callback.name)}: called on the waiting thread; a non-zero return cancels. */
                interface \(javaCallback(callback.name)) extends Callback {
                    \(try jnaType(callback.result, model, result: true)) invoke(\(parameters.joined(separator: ", ")));
                }


            """
    }
    out += """
            /** A {@code size_t} out-parameter, as wide as the platform's {@code size_t}. JNA instantiates it reflectively. */
            final class SizeTByReference extends ByReference {
                public SizeTByReference() {
                    super(Native.SIZE_T_SIZE);
                    if (Native.SIZE_T_SIZE == 8) {
                        getPointer().setLong(0, 0);
                    } else {
                        getPointer().setInt(0, 0);
                    }
                }

                long getValue() {
                    return Native.SIZE_T_SIZE == 8 ? getPointer().getLong(0) : getPointer().getInt(0) & 0xffffffffL;
                }
            }

        """
    for function in model.functions {
        let parameters = try function.parameters.map { (parameter) throws(GeneratorError) in
            "\(try jnaType(parameter.type, model, result: false)) \(camel(parameter.name))"
        }
        out +=
            "\n    \(try jnaType(function.result, model, result: true)) \(function.name)(\(parameters.joined(separator: ", ")));\n"
    }
    return out + "}\n"
}

private func javaStatus() -> String {
    var out =
        header + """

            /**
             * The status codes of libelicense ({@code ELIC_OK}, {@code ELIC_E_*} in elicense.h), with their
             * stable numbers. Codes live in ranges, so a code this binding does not know yet
             * ({@link #UNKNOWN}) still has a {@link Category}: \(javadoc(StatusFamily.allCases.map { "\($0.range.lowerBound)–\($0.range.upperBound) \($0.rawValue)" }.joined(separator: ", "))).
             */
            public enum Status implements Coded {

            """
    for status in Catalogue.statuses {
        out += "    /** \(javadoc(status.comment)) */\n    \(status.name)(\(status.value)),\n"
    }
    out += """
            /** A code this version of the binding does not know (a newer library); see {@link ElicenseException#getStatusCode()}. */
            UNKNOWN(-1);

            /** The range a status code belongs to. */
            public enum Category {
                /** {@code ELIC_OK}. */
                OK,

        """
    for family in StatusFamily.allCases {
        out +=
            "        /** \(family.range.lowerBound)–\(family.range.upperBound)\(family == .internal ? ", and anything outside the ranges" : ""). */\n"
        out += "        \(family.rawValue.uppercased())\(family == StatusFamily.allCases.last ? ";" : ",")\n"
    }
    out += """

                /** The category of any code, known or not. */
                public static Category of(int code) {
                    if (code == 0) {
                        return OK;
                    }

        """
    for family in StatusFamily.allCases where family != .internal {
        out += """
                        if (code >= \(family.range.lowerBound) && code <= \(family.range.upperBound)) {
                            return \(family.rawValue.uppercased());
                        }

            """
    }
    out += """
                    return INTERNAL;
                }
            }

            private final int code;

            Status(int code) {
                this.code = code;
            }

            /** The stable number ({@code -1} for {@link #UNKNOWN}). */
            @Override
            public int code() {
                return code;
            }

            /** The C name, e.g. {@code ELIC_E_TIMEOUT} ({@code ELIC_OK} for {@link #OK}). */
            public String cName() {
                return this == OK ? "ELIC_OK" : "ELIC_E_" + name();
            }

            /** The protocol's wire code, e.g. {@code timeout}; "" for {@link #OK} and {@link #UNKNOWN}. */
            public String wireCode() {
                return this == OK || this == UNKNOWN ? "" : name().toLowerCase(java.util.Locale.ROOT);
            }

            /** The range of this status. */
            public Category category() {
                return Category.of(code);
            }

            /** The status with this number, or {@link #UNKNOWN} for a code this binding does not know. */
            public static Status fromCode(int code) {
                return Codes.find(values(), code, UNKNOWN);
            }
        }

        """
    return out
}

private func javaEnum(_ set: ConstantSet) -> String {
    let labelled = set.constants.contains { $0.chinese != nil }
    var constants = set.constants
    if let fallback = set.javaFallback, !constants.contains(where: { $0.name == fallback.name }) {
        constants.append(fallback)
    }
    var out = header + "\n/** \(javadoc(set.doc)) */\npublic enum \(set.type) implements Coded {\n"
    for (index, constant) in constants.enumerated() {
        let doc =
            constant.chinese.map { $0 == constant.comment ? $0 : "\($0): \(constant.comment)" } ?? constant.comment
        let arguments = labelled ? "\(constant.value), \(javaString(constant.chinese ?? ""))" : "\(constant.value)"
        out +=
            "    /** \(javadoc(doc)) */\n    \(constant.name)(\(arguments))\(index == constants.count - 1 ? ";" : ",")\n"
    }
    out += "\n    private final int code;\n"
    if labelled { out += "    private final String label;\n" }
    out += "\n    \(set.type)(int code\(labelled ? ", String label" : "")) {\n        this.code = code;\n"
    if labelled { out += "        this.label = label;\n" }
    out +=
        "    }\n\n    /** The stable number of {@code \(set.cPrefix)*}. */\n    @Override\n    public int code() {\n        return code;\n    }\n"
    if labelled {
        out +=
            "\n    /** The Chinese label, e.g. for a page. */\n    public String label() {\n        return label;\n    }\n"
    }
    if let predicate = set.predicate {
        out +=
            "\n    /** \(javadoc(predicate.doc)) */\n    public boolean \(predicate.java)() {\n        return "
            + predicate.members.map { "this == \($0)" }.joined(separator: " || ") + ";\n    }\n"
    }
    if set.wireNames {
        out +=
            "\n    /** The regulator's wire name, e.g. {@code uniscid}. */\n    public String wireName() {\n"
            + "        return name().toLowerCase(java.util.Locale.ROOT);\n    }\n"
    }
    if let fallback = set.javaFallback {
        out +=
            "\n    /** The constant with this number; \(fallback.name) for one this binding does not know"
            + (set.zeroIsNull ? "; null for 0 (none yet)" : "")
            + ". */\n    public static \(set.type) fromCode(int code) {\n"
        if set.zeroIsNull { out += "        if (code == 0) {\n            return null;\n        }\n" }
        out += "        return Codes.find(values(), code, \(fallback.name));\n    }\n"
    }
    return out + "}\n"
}

private let exceptionParameters = "int status, String statusName, String text, String requestId, long retryAfterMs"
private let exceptionArguments = "status, statusName, text, requestId, retryAfterMs"

private func javaExceptions() throws(GeneratorError) -> [(String, String)] {
    let owners = try Taxonomy.byCode()
    return Taxonomy.classes.map { item in
        let codes = item.codes.map { "{@code ELIC_E_\($0.constantSuffix)}" }.joined(separator: ", ")
        let doc = javadoc(item.doc) + (item.codes.count > 1 ? " Statuses: " + codes + "." : "")
        guard item.parent == nil else {
            let parent = Taxonomy.classes.first { $0.name == item.parent }!.java
            return (
                item.java,
                header + """

                    /** \(doc) */
                    public class \(item.java) extends \(parent) {
                        private static final long serialVersionUID = 1L;

                        \(item.java)(\(exceptionParameters)) {
                            super(\(exceptionArguments));
                        }
                    }

                    """
            )
        }
        var cases = ""
        for (owner, group) in Dictionary(grouping: owners, by: { $0.1.java }).sorted(by: {
            $0.value[0].0.status < $1.value[0].0.status
        }) {
            for (code, _) in group { cases += "            case \(code.status): // \(code.constantSuffix)\n" }
            cases += "                return new \(owner)(\(exceptionArguments));\n"
        }
        var ranges = ""
        for family in StatusFamily.allCases where family != .internal {
            ranges += """
                        if (status >= \(family.range.lowerBound) && status <= \(family.range.upperBound)) {
                            return new \(Taxonomy.family(family).java)(\(exceptionArguments));
                        }

                """
        }
        return (
            item.java,
            header + """

                /**
                 * \(doc) Carries the status ({@link #getStatus()}, {@link #getStatusCode()},
                 * {@link #getStatusName()}), the protocol's wire code ({@link #getCode()}), the library's
                 * message — 中文 first, English after, then the detail — and, apart, the front system's
                 * request id and advised delay ({@code elic_last_error_request_id},
                 * {@code elic_last_error_retry_after_ms}).
                 *
                 * <p>Thrown as the class of the status, under the class of its range, so a caller can catch
                 * what it handles; a code this binding does not know is classified by its range.
                 */
                public class ElicenseException extends RuntimeException {
                    private static final long serialVersionUID = 1L;

                    private final int status;
                    private final String statusName;
                    private final String text;
                    private final String requestId;
                    private final long retryAfterMs;

                    ElicenseException(\(exceptionParameters)) {
                        super(statusName + ": " + text);
                        this.status = status;
                        this.statusName = statusName;
                        this.text = text;
                        this.requestId = requestId == null || requestId.isEmpty() ? null : requestId;
                        this.retryAfterMs = retryAfterMs;
                    }

                    /** The exception of a status: by code when this binding knows it, else by its range. */
                    static ElicenseException of(\(exceptionParameters)) {
                        switch (status) {
                \(cases)            default:
                                break;
                        }
                \(ranges)        return new \(Taxonomy.family(.internal).java)(\(exceptionArguments));
                    }

                    /** The status; {@link Status#UNKNOWN} for a code newer than this binding (see {@link #getStatusCode()}). */
                    public Status getStatus() {
                        return Status.fromCode(status);
                    }

                    /** The status's stable number, also when it is {@link Status#UNKNOWN} to this binding. */
                    public int getStatusCode() {
                        return status;
                    }

                    /** The protocol's wire code, e.g. {@code grant_expired}; for an unknown status, from its C name. */
                    public String getCode() {
                        Status known = getStatus();
                        if (known != Status.UNKNOWN) {
                            return known.wireCode();
                        }
                        return statusName.startsWith("ELIC_E_") ? statusName.substring(7).toLowerCase(java.util.Locale.ROOT) : "";
                    }

                    /** The C name of the status, e.g. {@code ELIC_E_GRANT_EXPIRED}. */
                    public String getStatusName() {
                        return statusName;
                    }

                    /** The library's bilingual message without the status name. */
                    public String getText() {
                        return text;
                    }

                    /** The front system's request id (rq_…), to look up in its audit log; null when none. */
                    public String getRequestId() {
                        return requestId;
                    }

                    /** The delay the front advised before the same call may succeed, in milliseconds; -1 when none. */
                    public long getRetryAfterMs() {
                        return retryAfterMs;
                    }
                }

                """
        )
    }
}
