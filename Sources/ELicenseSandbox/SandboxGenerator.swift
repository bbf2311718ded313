import ELicenseCore
import ELicenseProtocol

/// The dataset as built: every enterprise sorted by USCC, and the well-known codes.
struct SandboxContents: Sendable, Equatable {
    let enterprises: [SandboxEnterprise]
    let demoActive: USCC
    let demoRevoked: USCC
    let demoDeregistered: USCC
}

/// Builds the demo dataset from the tables with a fixed-seed SplitMix64: a pure function, the
/// same enterprises on every machine and run. Sets serve membership tests only and are never
/// iterated, so no per-process hash seed can reorder anything.
///
/// Throws only when a table holds something impossible (a bad date, an empty list); the tests run
/// it and show that it does not.
struct SandboxGenerator {
    /// "ELICENSE" in ASCII.
    static let seed: UInt64 = 0x454C_4943_454E_5345
    /// Generated enterprises in a state other than 存续 (the well-known ones add one 吊销 and one 注销).
    static let stateCounts: [(RegistrationState, Int)] = [(.revoked, 4), (.deregistered, 4), (.movedOut, 3), (.operating, 8)]
    static let individualCount = 16
    static let cooperativeCount = 10
    /// No license in the dataset was approved after this day.
    static let horizon = (year: 2026, month: 11, day: 1)
    /// Before this year scopes are one list; from it on, 一般项目 and 许可项目 as the 2021 规范表述 has them.
    static let standardWordingYear = 2021
    static let approvalSentence = "（依法须经批准的项目，经相关部门批准后方可开展经营活动）"

    private enum Kind {
        case company(SandboxCompanyForm)
        case individual
        case cooperative
    }

    private var rng = SplitMix64(seed: seed)
    private let horizon: CivilDate
    private var codes: Set<String> = []
    private var names: Set<String> = []
    private var companyTradeNames = SandboxNames.companyTradeNames
    private var cooperativeTradeNames = SandboxNames.cooperativeTradeNames

    private init() throws(ELicenseError) {
        horizon = try CivilDate(year: Self.horizon.year, month: Self.horizon.month, day: Self.horizon.day)
    }

    static func build() throws(ELicenseError) -> SandboxContents {
        var generator = try SandboxGenerator()
        let active = try SandboxWellKnown.active()
        let revoked = try SandboxWellKnown.revoked()
        let deregistered = try SandboxWellKnown.deregistered()
        var all = [active, revoked, deregistered]
        for enterprise in all {
            generator.codes.insert(enterprise.license.uscc.value)
            generator.names.insert(enterprise.license.name)
        }

        var kinds = SandboxCompanyForm.all.flatMap { Array(repeating: Kind.company($0), count: $0.count) }
        kinds += Array(repeating: .individual, count: individualCount)
        kinds += Array(repeating: .cooperative, count: cooperativeCount)
        var states = stateCounts.flatMap { Array(repeating: $0.0, count: $0.1) }
        guard states.count <= kinds.count else { throw ELicenseError(.internal, "sandbox: more states than enterprises") }
        states += Array(repeating: .subsisting, count: kinds.count - states.count)
        generator.rng.shuffle(&states)

        for (kind, state) in zip(kinds, states) {
            switch kind {
            case .company(let form): all.append(try generator.company(form, state: state))
            case .individual: all.append(try generator.individual(state: state))
            case .cooperative: all.append(try generator.cooperative(state: state))
            }
        }
        return SandboxContents(enterprises: all.sorted { $0.license.uscc.value < $1.license.uscc.value },
                               demoActive: active.license.uscc, demoRevoked: revoked.license.uscc,
                               demoDeregistered: deregistered.license.uscc)
    }

    static func complete(_ prefix: String) throws(ELicenseError) -> USCC {
        guard let uscc = USCC.completing(prefix) else { throw ELicenseError(.internal, "sandbox: cannot complete '\(prefix)'") }
        return uscc
    }

    // MARK: - Enterprises

    private mutating func company(_ form: SandboxCompanyForm, state: RegistrationState) throws(ELicenseError) -> SandboxEnterprise {
        let district = try rng.pick(SandboxDistrict.urban)
        let industries = form.ownership == .state ? SandboxIndustry.stateOwned
            : SandboxIndustry.companies.filter { $0.cities.isEmpty || $0.cities.contains(district.cityShort) }
        let industry = try rng.pick(industries)
        let tradeName = try rng.take(from: &companyTradeNames)
        let suffix = form.isJointStock ? "股份有限公司" : "有限公司"
        // Foreign investors keep their brand first and put the place in brackets.
        let name = form.ownership == .foreign ? "\(tradeName)（\(district.cityShort)）\(industry.word)\(suffix)"
            : "\(district.cityShort)\(tradeName)\(industry.word)\(suffix)"
        // 长期 for state-owned companies and half the domestic ones; foreign investors keep a term.
        let term: Int? = switch form.ownership {
        case .state: nil
        case .foreign: try rng.pick([20, 30, 50])
        case .domestic: rng.chance(50) ? nil : try rng.pick([20, 30, 50])
        }
        let dates = try dates(state: state, termYears: term)
        let representative = try person(avoiding: [])
        return SandboxEnterprise(
            license: License(
                uscc: try code(category: "1", district: district), name: try claim(name), type: form.type,
                legalRepresentative: representative,
                registeredCapital: try Money(amount: try rng.pick(form.capitals), currency: form.currency),
                establishedOn: dates.established, operatingFrom: dates.established, operatingTo: dates.operatingTo,
                address: try companyAddress(district), businessScope: try scope(industry, approvedOn: dates.approved),
                registrationAuthority: district.registrationAuthority, approvedOn: dates.approved, state: state),
            operators: try operators(representative, administrator: 60, agent: 50))
    }

    /// 个体工商户: 经营者 instead of a legal representative, no registered capital, no term.
    private mutating func individual(state: RegistrationState) throws(ELicenseError) -> SandboxEnterprise {
        let district = try rng.pick(SandboxDistrict.urban)
        let shop = try rng.pick(SandboxIndustry.shops)
        let surname = try rng.pick(SandboxNames.surnames)
        let owner = try surname + rng.pick(SandboxNames.givenNames)
        // 历下区张记面馆 or 历下区惠佳面馆; another 字号 while the name is taken.
        var name = try rng.chance(50) ? "\(district.name)\(surname)记\(shop.word)"
            : "\(district.name)\(rng.pick(SandboxNames.shopTradeNames))\(shop.word)"
        for _ in 0..<8 where names.contains(name) {
            name = "\(district.name)\(try rng.pick(SandboxNames.shopTradeNames))\(shop.word)"
        }
        let dates = try dates(state: state, termYears: nil)
        let street = try rng.pick(district.streets)
        let number = 1 + rng.below(300)
        let address = rng.chance(50) ? "\(district.addressPrefix)\(street)\(number)号"
            : "\(district.addressPrefix)\(street)\(number)-\(1 + rng.below(12))号"
        return SandboxEnterprise(
            license: License(
                uscc: try code(category: "2", district: district), name: try claim(name), type: "个体工商户",
                legalRepresentative: owner, registeredCapital: nil,
                establishedOn: dates.established, operatingFrom: dates.established, operatingTo: nil,
                address: address, businessScope: try scope(shop, approvedOn: dates.approved),
                registrationAuthority: district.registrationAuthority, approvedOn: dates.approved, state: state),
            operators: try operators(owner, administrator: 0, agent: 25))
    }

    /// 农民专业合作社: registered capital is the members' total contribution (成员出资总额).
    private mutating func cooperative(state: RegistrationState) throws(ELicenseError) -> SandboxEnterprise {
        let district = try rng.pick(SandboxDistrict.rural)
        let specialty = try rng.pick(district.specialties)
        let product = specialty.product, activity = specialty.activity
        let name = "\(district.qualifiedName)\(try rng.take(from: &cooperativeTradeNames))\(product)\(activity)专业合作社"
        let dates = try dates(state: state, termYears: rng.chance(50) ? nil : 20)
        let representative = try person(avoiding: [])
        let scope = "组织采购、供应成员所需的生产资料；组织收购、销售成员\(activity)的\(product)；"
            + "开展成员所需的运输、贮藏、加工、包装等服务；引进新技术、新品种，开展与\(product)\(activity)有关的"
            + "技术培训、技术交流和信息咨询服务。" + Self.approvalSentence
        let address = "\(district.addressPrefix)\(try rng.pick(district.towns))\(try rng.pick(SandboxNames.villages))村"
        return SandboxEnterprise(
            license: License(
                uscc: try code(category: "3", district: district), name: try claim(name), type: "农民专业合作社",
                legalRepresentative: representative,
                registeredCapital: try Money(amount: try rng.pick(["10", "50", "100", "200", "300"]), currency: "CNY"),
                establishedOn: dates.established, operatingFrom: dates.established, operatingTo: dates.operatingTo,
                address: address, businessScope: scope,
                registrationAuthority: district.registrationAuthority, approvedOn: dates.approved, state: state),
            operators: try operators(representative, administrator: 30, agent: 20))
    }

    // MARK: - Fields

    /// "MA" and six random characters: the shape of codes issued since 2015. Random characters
    /// make a clash with a real code (which would also need the same district and category)
    /// unlikely.
    private mutating func code(category: Character, district: SandboxDistrict) throws(ELicenseError) -> USCC {
        for _ in 0..<8 {
            var prefix = "9\(category)\(district.code)MA"
            for _ in 0..<6 { prefix.append(try rng.pick(USCC.alphabet)) }
            let uscc = try Self.complete(prefix)
            if codes.insert(uscc.value).inserted { return uscc }
        }
        throw ELicenseError(.internal, "sandbox: no unused code in \(district.code)")
    }

    /// Registers a name, refusing a duplicate so that a name finds one enterprise.
    private mutating func claim(_ name: String) throws(ELicenseError) -> String {
        guard names.insert(name).inserted else { throw ELicenseError(.internal, "sandbox: duplicate name \(name)") }
        return name
    }

    /// Established 2016–2025 (after the 2015 code reform, so "MA" codes fit). The day is at
    /// least 2 so that a term ends on the day before the anniversary without month arithmetic.
    private mutating func dates(state: RegistrationState, termYears: Int?) throws(ELicenseError)
        -> (established: CivilDate, approved: CivilDate, operatingTo: CivilDate?) {
        let established = try CivilDate(year: 2016 + rng.below(10), month: 1 + rng.below(12), day: 2 + rng.below(27))
        // Many in business have changed nothing since they were set up; a state change always has
        // its own later approval.
        let approved = try state.isInBusiness && rng.chance(40) ? established : date(after: established)
        var operatingTo: CivilDate?
        if let termYears {
            operatingTo = try CivilDate(year: established.year + termYears, month: established.month, day: established.day - 1)
        }
        return (established, approved, operatingTo)
    }

    /// A day in `start…horizon`; draws past the horizon land on it.
    private mutating func date(after start: CivilDate) throws(ELicenseError) -> CivilDate {
        let year = start.year + rng.below(horizon.year - start.year + 1)
        let drawn = try CivilDate(year: year, month: 1 + rng.below(12), day: 1 + rng.below(28))
        return min(max(drawn, start), horizon)
    }

    private mutating func companyAddress(_ district: SandboxDistrict) throws(ELicenseError) -> String {
        let address = "\(district.addressPrefix)\(try rng.pick(district.streets))\(1 + rng.below(300))号"
        let floor = 1 + rng.below(28)
        switch rng.below(3) {
        case 0: return address
        case 1: return try address + rng.pick(SandboxNames.buildings) + "\(floor * 100 + 1 + rng.below(12))室"
        default: return try address + rng.pick(SandboxNames.buildings) + "\(floor)层"
        }
    }

    /// The first two clauses and some of the rest, in the wording of the approval's time.
    private mutating func scope(_ industry: SandboxIndustry, approvedOn: CivilDate) throws(ELicenseError) -> String {
        var general: [String] = []
        for (index, clause) in industry.general.enumerated() where index < 2 || rng.chance(60) {
            general.append(clause)
        }
        guard !general.isEmpty, !industry.permitted.isEmpty else {
            throw ELicenseError(.internal, "sandbox: industry \(industry.word) lacks clauses")
        }
        if approvedOn.year < Self.standardWordingYear {
            return (general + industry.permitted).joined(separator: "；") + "。" + Self.approvalSentence
        }
        return "一般项目：" + general.joined(separator: "；") + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
            + "许可项目：" + industry.permitted.joined(separator: "；") + "。" + Self.approvalSentence
    }

    /// A fictional full name not among `taken`.
    private mutating func person(avoiding taken: [String]) throws(ELicenseError) -> String {
        for _ in 0..<8 {
            let name = try rng.pick(SandboxNames.surnames) + rng.pick(SandboxNames.givenNames)
            if !taken.contains(name) { return name }
        }
        throw ELicenseError(.internal, "sandbox: no distinct name")
    }

    /// The legal representative, then a 证照管理员 and an 经办人 with the given chances in percent.
    private mutating func operators(_ representative: String, administrator: Int, agent: Int) throws(ELicenseError)
        -> [SandboxOperator] {
        var operators = [SandboxOperator(name: representative, role: .legalRepresentative)]
        for (role, percent) in [(OperatorRole.licenseAdministrator, administrator), (.agent, agent)] where rng.chance(percent) {
            operators.append(SandboxOperator(name: try person(avoiding: operators.map(\.name)), role: role))
        }
        return operators
    }
}
