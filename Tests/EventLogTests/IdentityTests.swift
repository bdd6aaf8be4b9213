import CommandModel
import EventLog
import Foundation
import Testing

@Suite("Who acts: the operating-system account, not $USER")
struct OperatorIdentityTests {
    static let roster = """
        people:
          - {id: liu-yang, name: {en: Liu Yang, zh: 刘洋}, logins: [liu.yang], roles: [commander, duty-officer]}
          - {id: console, name: {en: Shared console, zh: 共用控制台}, logins: [console], act-for-others: true}
          - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na, lina], roles: [duty-officer]}
        """

    var roster: Roster {
        let (r, issues) = Roster.load(Self.roster, file: "roster.yaml")
        precondition(issues.isEmpty, "\(issues)")
        return r
    }

    @Test func theAccountIsTheProcessUsersNotTheEnvironments() {
        setenv("LOGNAME", "liu.yang", 1)
        let account = OperatorIdentity.processAccount()
        #expect(account != "liu.yang")
        #expect(account == String(cString: getpwuid(geteuid()).pointee.pw_name))
        #expect(OperatorIdentity.ofProcess(requested: nil).name == account)
    }

    @Test func withoutARosterAnyNameMayBeUsedButTheRecordNamesTheAccount() {
        let me = OperatorIdentity(account: "root", requested: "li.na")
        #expect(me.refusal(roster: nil) == nil)
        #expect(me.recordedName == "root as li.na")
        #expect(OperatorIdentity(account: "root", requested: nil).recordedName == "root")
        #expect(OperatorIdentity(account: "root", requested: "").recordedName == "root")
        #expect(OperatorIdentity(account: "root", requested: "root").recordedName == "root")
    }

    @Test func withARosterOnlyAnAccountAllowedToActForOthersMay() {
        let r = roster
        let mallory = OperatorIdentity(account: "mallory", requested: "liu.yang")
        #expect(mallory.refusal(roster: r, rosterFile: "roster.yaml") == .notAllowed(account: "mallory", name: "liu.yang", rosterFile: "roster.yaml"))
        #expect(OperatorIdentity(account: "li.na", requested: "liu.yang").refusal(roster: r) != nil)
        // The shared console's person has act-for-others: true.
        let console = OperatorIdentity(account: "console", requested: "liu.yang")
        #expect(console.refusal(roster: r) == nil)
        #expect(console.recordedName == "console as liu.yang")
        // The same person under another of their logins acts as themselves.
        #expect(OperatorIdentity(account: "lina", requested: "li.na").refusal(roster: r) == nil)
        // The roster-wide switch is still read (older rosters).
        var open = r
        open.allowsOperatorFlag = true
        #expect(OperatorIdentity(account: "mallory", requested: "liu.yang").refusal(roster: open) == nil)
    }

    @Test func aNameWithSpacesOrControlCharactersIsRefusedEvenWithoutARoster() {
        #expect(OperatorIdentity(account: "root", requested: "root as liu.yang").refusal(roster: nil) == .badName("root as liu.yang"))
        #expect(OperatorIdentity(account: "root", requested: "li\u{7}na").refusal(roster: nil) != nil)
        #expect(OperatorIdentity(account: "root", requested: String(repeating: "a", count: 65)).refusal(roster: nil) != nil)
    }

    @Test func theLedgerRecordsTheAccountAndAuthorisesTheName() throws {
        let dir = TempDir()
        let store = try SQLiteEventStore.create(path: dir.path("s.sqlite"))
        let ledger = try Ledger(store: store)
        ledger.roster = roster
        ledger.identity = OperatorIdentity(account: "console", requested: "liu.yang")
        let recorded = try ledger.execute([.incident(.report(NewIncident(type: .flood, title: "t", place: .cell(Cell(x: 1, y: 1)))))], operatorName: "liu.yang")
        #expect(recorded.map(\.by) == ["console as liu.yang"])
        // The console passes the recorded name: the authority is still liu.yang's.
        let again = try ledger.execute([.incident(.acknowledge(IncidentID(1)))], operatorName: "console as liu.yang")
        #expect(again.map(\.by) == ["console as liu.yang"])
    }
}
