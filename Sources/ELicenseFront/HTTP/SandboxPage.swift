import ELicenseUpstream

/// The sandbox's stand-in for the e-license app: pick a demo enterprise and a role, then
/// confirm or deny the login whose QR code (or link) brought you here. Like the real app should,
/// it first shows who asks (department and application), for what, and the confirmation code
/// the department's page shows next to the QR code, so a relayed QR code can be recognised.
enum SandboxPage {
    /// The page for the login `request` names (nil: opened without a known ticket), served under
    /// `path` (`/sandbox` or, for a rehearsal gateway, `/rehearsal`) of the `front` it stands behind.
    static func html(
        _ request: UpstreamLoginRequest?, ticketGiven: Bool, path: String, rehearsal: Bool, front: FrontConfig
    ) -> String {
        head(rehearsal: rehearsal) + HTML.frontLine(front) + "\n" + details(request, ticketGiven: ticketGiven)
            + form(path: path)
    }

    private static func details(_ request: UpstreamLoginRequest?, ticketGiven: Bool) -> String {
        guard let request else {
            return ticketGiven
                ? """
                <p class="warn" id="unknown">二维码无效或已过期。The QR code is unknown or has expired.</p>

                """ : ""
        }
        let rows = [
            ("请求方（部门 · 应用） Requester (department · application)", request.requester, "requester"),
            ("办理事项 Purpose", request.purpose, "purpose"),
            ("确认码 Confirmation code", request.confirmationCode, "code"),
        ]
        return """
            <section id="request"><h2>请核对登录请求 Check this login request</h2><dl>
            \(rows.map { "<dt>\($0.0)</dt><dd id=\"\($0.2)\">\(HTML.escape($0.1))</dd>" }.joined(separator: "\n"))
            </dl><p class="warn">请确认上面的确认码与您正在办理业务的网页上二维码旁显示的确认码一致，不一致或您并未在办理该事项时请拒绝。<br>
            Confirm only if this code matches the one shown next to the QR code on the page where you are doing business; \
            if it differs, or you are not doing this business, deny.</p></section>

            """
    }

    private static func head(rehearsal: Bool) -> String {
        let (title, heading, note) =
            rehearsal
            ? (
                "电子营业执照（生产演练） E-license app REHEARSAL", "电子营业执照 · 生产演练模拟 (REHEARSAL e-license app)",
                "此页面在生产演练中模拟企业手机上的电子营业执照应用，仅用于演练，数据均为虚构。<br>This page plays the enterprise's e-license app in a production rehearsal; all data is fictional."
            )
            : (
                "电子营业执照（沙箱） E-license app sandbox", "电子营业执照 · 沙箱模拟 (sandbox e-license app)",
                "此页面模拟企业手机上的电子营业执照应用，仅用于测试，数据均为虚构。<br>This page plays the enterprise's e-license app for testing; all data is fictional."
            )
        return """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>\(title)</title>
            <style>
            body{font-family:sans-serif;max-width:34rem;margin:1.5rem auto;padding:0 1rem;color:#24292f}
            h1{font-size:1.25rem;color:#b91c1c}.note,.front{color:#57606a;font-size:.9rem}
            label{display:block;margin:.8rem 0 .2rem}select,input{width:100%;padding:.4rem;font-size:1rem;box-sizing:border-box}
            button{font-size:1rem;padding:.5rem 1.2rem;margin:1rem .5rem 0 0;border-radius:6px;border:1px solid #999;cursor:pointer}
            #confirm{background:#1a7f37;color:#fff;border-color:#1a7f37}#deny{background:#fff;color:#cf222e;border-color:#cf222e}
            #result{margin-top:1rem;font-weight:bold}
            h2{font-size:1.05rem}dt{color:#57606a;font-size:.85rem;margin-top:.5rem}dd{margin:0;font-size:1.05rem}
            #code{font-size:1.6rem;font-weight:bold;letter-spacing:.3rem;font-family:monospace}
            .warn{border:1px solid #d4a72c;background:#fff8c5;padding:.5rem .7rem;font-size:.9rem}
            </style></head><body>
            <h1>\(heading)</h1>
            <p class="note">\(note)</p>

            """
    }

    private static func form(path: String) -> String {
        """
        <label for="qr">登录二维码内容 QR content</label><input id="qr" placeholder="http://…\(path)/?t=tk_…">
        <label for="ent">企业 Enterprise</label><select id="ent"></select>
        <label for="role">身份 Role</label><select id="role"></select>
        <div><button id="scan">扫码 Scan</button><button id="confirm">确认登录 Confirm</button><button id="deny">拒绝 Deny</button></div>
        <div id="result" role="status"></div>
        <script>
        const q = new URLSearchParams(location.search);
        const qr = document.getElementById('qr'), ent = document.getElementById('ent'), role = document.getElementById('role');
        if (q.get('t')) qr.value = location.origin + '\(path)/?t=' + q.get('t');
        // Pasted QR content: reload with its ticket, so the request and its code are shown before deciding.
        qr.onchange = () => { const m = qr.value.match(/(?:^|t=)(tk_[0-9a-f]+)/);
          if (m && m[1] !== q.get('t')) location.search = '?t=' + m[1]; };
        const roles = {legal_representative: '法定代表人', license_administrator: '证照管理员', agent: '经办人'};
        let list = [];
        function fillRoles() {
          const e = list.find(x => x.uniscid === ent.value); role.innerHTML = '';
          (e ? e.operators : []).forEach(o => { const opt = document.createElement('option');
            opt.value = o.role + '|' + o.name; opt.textContent = roles[o.role] + ' ' + o.name; role.appendChild(opt); });
        }
        fetch('\(path)/enterprises').then(r => r.json()).then(data => { list = data;
          data.forEach(e => { const opt = document.createElement('option'); opt.value = e.uniscid;
            opt.textContent = e.entname + '（' + e.regstate + '）'; ent.appendChild(opt); }); fillRoles(); });
        ent.onchange = fillRoles;
        async function act(decision) {
          const [r, name] = role.value.split('|');
          const res = await fetch('\(path)/scan', {method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({qr_content: qr.value, uniscid: ent.value, role: r, operator_name: name, decision})});
          const body = await res.json();
          document.getElementById('result').textContent = res.ok ? '登录状态 state: ' + body.state
            : body.error.message_zh + ' (' + body.error.message_en + ')' + (body.error.detail ? ': ' + body.error.detail : '');
        }
        document.getElementById('scan').onclick = () => act('scan');
        document.getElementById('confirm').onclick = () => act('confirm');
        document.getElementById('deny').onclick = () => act('deny');
        </script></body></html>
        """
    }
}
