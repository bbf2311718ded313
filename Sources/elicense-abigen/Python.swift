// Bindings/python/src/elicense/_abi.py: the ABI version, the constants as IntEnums, the handle
// and callback types, the ctypes prototype of every function, and the exception classes.
import ELicenseCore

private func pythonString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// `elic_client` → `ClientHandle`.
func handleClass(_ handle: String) -> String {
    String(handle.dropFirst("elic_".count)).split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        .joined() + "Handle"
}

/// `elic_progress_cb` → `PROGRESS_CB`.
private func pythonCallback(_ name: String) -> String { String(name.dropFirst("elic_".count)).uppercased() }

private func ctypesType(_ type: CType, _ model: Model, result: Bool) throws(GeneratorError) -> String {
    switch (type.base, type.pointers) {
    case ("void", 0): return "None"
    case ("int32_t", 0), ("elic_status", 0): return "c_int32"
    case ("int64_t", 0): return "c_int64"
    case ("char", 1) where type.isConst: return "c_char_p"
    case ("char", 2): return "POINTER(c_void_p)"  // an owned string, read then freed with elic_free
    case ("void", 1): return "c_void_p"
    case ("uint8_t", 1) where result: return "POINTER(c_uint8)"
    case ("size_t", 1): return "POINTER(c_size_t)"
    case ("int32_t", 1): return "POINTER(c_int32)"
    case (let base, 0) where model.types.callbacks.contains { $0.name == base }: return pythonCallback(base)
    case (let base, 1) where model.types.handles.contains(base): return handleClass(base)
    case (let base, 2) where model.types.handles.contains(base): return "POINTER(\(handleClass(base)))"
    default: throw GeneratorError("no ctypes mapping for \(type.spelled)")
    }
}

private func pythonEnum(_ set: ConstantSet, doc: String, extra: [String] = []) -> [String] {
    var lines = ["", "", "class \(set.type)(enum.IntEnum):", "    \"\"\"\(doc)\"\"\"", ""]
    lines += set.constants.map { "    \($0.name) = \($0.value)  # \($0.comment)" }
    lines += extra
    if set.constants.contains(where: { $0.chinese != nil }) {
        lines += [
            "", "    @property", "    def label_zh(self) -> str:",
            "        \"\"\"The Chinese label, e.g. for a page.\"\"\"",
            "        return _\(set.type.uppercased())_ZH[self]",
        ]
    }
    if let predicate = set.predicate {
        let members = predicate.members.map { "\(set.type).\($0)" }.joined(separator: ", ")
        lines += [
            "", "    @property", "    def \(predicate.python)(self) -> bool:", "        \"\"\"\(predicate.doc)\"\"\"",
            "        return self in (\(members)\(predicate.members.count == 1 ? "," : ""))",
        ]
    }
    if set.constants.contains(where: { $0.chinese != nil }) {
        lines += ["", "", "_\(set.type.uppercased())_ZH = {"]
        lines += set.constants.map { "    \(set.type).\($0.name): \(pythonString($0.chinese ?? ""))," }
        lines.append("}")
    }
    return lines
}

func pythonModule(_ model: Model) throws(GeneratorError) -> String {
    let ranges = StatusFamily.allCases.map { "\($0.range.lowerBound)–\($0.range.upperBound) \($0.rawValue)" }.joined(
        separator: ", ")
    var lines = [
        "# " + generatedNotice,
        "\"\"\"The C ABI of libelicense for ctypes, from the same model as Include/elicense.h: the ABI",
        "version, the constants as IntEnums, the handle and callback types, the prototype of every",
        "function (applied by _native.py) and the exception classes.\"\"\"",
        "",
        "from __future__ import annotations",
        "",
        "import ctypes",
        "import enum",
        "from ctypes import POINTER, c_char_p, c_int32, c_int64, c_size_t, c_uint8, c_void_p",
        "from typing import Any, Dict, List, Optional, Sequence, Tuple, Type, Union",
        "",
        "#: ELIC_ABI_VERSION, the ABI this binding was written for; checked when the library loads.",
        "ABI_VERSION = \(ELicenseVersion.abi)",
    ]
    // Constants.
    // Without Chinese labels: elic_status_str describes a status, also one newer than the binding.
    let statuses = Catalogue.statuses.map {
        Constant(name: $0.name, value: $0.value, comment: $0.comment, chinese: nil)
    }
    let statusSet = ConstantSet(
        cPrefix: "ELIC_E_", type: "Status", cComment: "", doc: "", constants: statuses, javaFallback: statuses[0])
    lines += pythonEnum(
        statusSet,
        doc: "``elic_status``: ``ELIC_OK`` and the ``ELIC_E_*`` codes, without the prefix.\n\n"
            + "    Ranges: \(ranges).\n"
            + "    A status this binding does not know is classified by its range. Codes are never renumbered.\n    ",
        extra: [
            "", "    @property", "    def c_name(self) -> str:",
            "        \"\"\"The name in elicense.h, e.g. ``ELIC_E_TIMEOUT``.\"\"\"",
            "        return \"ELIC_OK\" if self is Status.OK else \"ELIC_E_\" + self.name",
            "", "    @property", "    def wire_code(self) -> str:",
            "        \"\"\"The protocol's ``error.code``, e.g. ``\"timeout\"`` (``\"\"`` for OK).\"\"\"",
            "        return \"\" if self is Status.OK else self.name.lower()",
        ])
    for set in model.constantSets { lines += pythonEnum(set, doc: set.doc) }

    // Handles and callbacks.
    lines += [
        "", "", "class _Handle(c_void_p):",
        "    \"\"\"An opaque handle; only an instance of the same class is accepted as an argument.\"\"\"", "",
        "    @classmethod", "    def from_param(cls, obj: Any) -> Any:", "        if isinstance(obj, cls):",
        "            return obj",
        "        raise TypeError(\"expected %s, got %s\" % (cls.__name__, type(obj).__name__))",
    ]
    for handle in model.types.handles {
        lines += ["", "", "class \(handleClass(handle))(_Handle):", "    \"\"\"\(handle) *\"\"\""]
    }
    for callback in model.types.callbacks {
        let arguments =
            try [callback.result].map { (type) throws(GeneratorError) in try ctypesType(type, model, result: true) }
            + callback.parameters.map { (parameter) throws(GeneratorError) in
                try ctypesType(parameter.type, model, result: false)
            }
        let signature =
            callback.result.declaring("(*\(callback.name))") + "("
            + callback.parameters.map { $0.type.declaring($0.name) }.joined(separator: ", ") + ")"
        lines += [
            "", "", "#: \(signature)",
            "\(pythonCallback(callback.name)) = ctypes.CFUNCTYPE(\(arguments.joined(separator: ", ")))",
        ]
    }

    // Prototypes.
    lines += [
        "", "#: Every function of elicense.h: name, restype, argtypes, and whether it returns elic_status",
        "#: (then _native.py raises the matching exception on failure).",
        "PROTOTYPES: List[Tuple[str, Any, Sequence[Any], bool]] = [",
    ]
    for function in model.functions {
        let result = try ctypesType(function.result, model, result: true)
        let arguments = try function.parameters.map { (parameter) throws(GeneratorError) in
            try ctypesType(parameter.type, model, result: false)
        }
        lines.append(
            "    (\(pythonString(function.name)), \(result), [\(arguments.joined(separator: ", "))], \(function.returnsStatus ? "True" : "False")),"
        )
    }
    lines.append("]")

    // Exceptions.
    lines += try pythonExceptions()
    let names = ["Status"] + model.constantSets.map(\.type) + Taxonomy.classes.map(\.python)
    lines += ["", "", "__all__ = ["] + names.map { "    \(pythonString($0))," } + ["]"]
    return lines.joined(separator: "\n") + "\n"
}

private func pythonExceptions() throws(GeneratorError) -> [String] {
    var lines: [String] = []
    for item in Taxonomy.classes {
        let bases = (item.parent.flatMap { name in Taxonomy.classes.first { $0.name == name }?.python } ?? "Exception")
        let all = ([bases] + item.pythonBuiltins).joined(separator: ", ")
        let codes = item.codes.map { "ELIC_E_" + $0.constantSuffix }.joined(separator: ", ")
        let doc = item.doc + (item.codes.count > 1 ? "\n\n    Statuses: \(codes).\n    " : "")
        lines += ["", "", "class \(item.python)(\(all)):"]
        if item.parent != nil {
            lines.append("    \"\"\"\(doc)\"\"\"")
            continue
        }
        lines += [
            "    \"\"\"\(doc)",
            "",
            "    - ``status``: the ``elic_status``, a :class:`Status` member when this binding knows it (an",
            "      ``int`` otherwise); ``status_name`` its C name, e.g. ``\"ELIC_E_GRANT_EXPIRED\"``;",
            "    - ``code``: the protocol's wire code, e.g. ``\"grant_expired\"``;",
            "    - ``message``: the library's message, 中文 first, English after, then the detail;",
            "    - ``request_id``: the front system's request id, the one its audit log holds",
            "      (``elic_last_error_request_id``), or None;",
            "    - ``retry_after_ms``: the delay the front advised before trying again",
            "      (``elic_last_error_retry_after_ms``), or None.",
            "    \"\"\"",
            "",
            "    def __init__(",
            "        self,",
            "        status: int,",
            "        status_name: str,",
            "        message: str,",
            "        request_id: Optional[str] = None,",
            "        retry_after_ms: Optional[int] = None,",
            "    ) -> None:",
            "        super().__init__(message)",
            "        try:",
            "            self.status: Union[Status, int] = Status(status)",
            "        except ValueError:",
            "            self.status = int(status)",
            "        self.status_name = status_name",
            "        self.message = message",
            "        self.request_id = request_id",
            "        self.retry_after_ms = retry_after_ms",
            "",
            "    @property",
            "    def code(self) -> str:",
            "        \"\"\"The wire code; for a status this binding does not know, from its C name.\"\"\"",
            "        if isinstance(self.status, Status):",
            "            return self.status.wire_code",
            "        prefix = \"ELIC_E_\"",
            "        return self.status_name[len(prefix):].lower() if self.status_name.startswith(prefix) else \"\"",
            "",
            "    def __str__(self) -> str:",
            "        return \"%s [%s]\" % (self.message, self.status_name)",
            "",
            "    def __repr__(self) -> str:",
            "        return \"%s(%d, %r, %r)\" % (type(self).__name__, self.status, self.status_name, self.message)",
            "",
            "    def __reduce__(self) -> Tuple[Any, ...]:",
            "        return (type(self), (int(self.status), self.status_name, self.message, self.request_id, self.retry_after_ms))",
        ]
    }
    let owners = try Taxonomy.byCode()
    lines += ["", "", "_BY_STATUS: Dict[int, Type[ElicenseError]] = {"]
    lines += owners.map { "    \($0.0.status): \($0.1.python),  # \($0.0.constantSuffix)" }
    lines += ["}", "", "_BY_RANGE: Tuple[Tuple[int, int, Type[ElicenseError]], ...] = ("]
    lines += StatusFamily.allCases.map {
        "    (\($0.range.lowerBound), \($0.range.upperBound), \(Taxonomy.family($0).python)),"
    }
    lines += [
        ")", "", "",
        "def error_class(status: int) -> Type[ElicenseError]:",
        "    \"\"\"The exception class of a status: by code when this binding knows it, else by its range",
        "    (\(Taxonomy.family(.internal).python) outside every range).\"\"\"",
        "    known = _BY_STATUS.get(status)",
        "    if known is not None:",
        "        return known",
        "    for low, high, family in _BY_RANGE:",
        "        if low <= status <= high:",
        "            return family",
        "    return \(Taxonomy.family(.internal).python)",
    ]
    return lines
}
