#!/usr/bin/env python3
"""webapp.py — a department's 企业开办 (business start-up) application form, as an old-style web
application built on the standard library only (http.server), using the e-license:

1. the applicant clicks 使用电子营业执照登录: the server starts a login and shows the QR code
   (PNG as a data URL, plus its text) with its confirmation code (确认码, which the e-license app
   shows too) on a page that refreshes itself every 3 seconds;
2. each refresh polls the front once; once the enterprise confirmed in its e-license app, the
   grant goes into the server-side session (never to the browser) and the form comes back with
   the license data (照面信息) filled in from the front — not typed, not trusted from the browser;
3. where the old form asked for a scan of the paper license (营业执照扫描件), one button obtains
   signed license material: the PDF and its signed record are stored on the server and offered
   for download, with the verification code.

    python3 webapp.py CONFIG [--host 127.0.0.1] [--port 9080] [--data-dir webapp-data] [--purpose 企业开办]

CONFIG is the client configuration the front system issued for this application. The session
(login id, grant, license, materials) lives on the server, keyed by a random HttpOnly cookie: the
login is bound to the browser session that was shown its QR code, and a login id is never taken
from the browser (protocol §4.3), so a QR code relayed to someone else cannot log in another session.
"""

from __future__ import annotations

import argparse
import html
import json
import secrets
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional

import elicense
from elicense import LoginState

COOKIE = "QYKB_SESSION"
SESSION_IDLE_SECONDS = 30 * 60
POLL_SECONDS = 2  # the front's advised interval; the page refreshes a little slower
REFRESH_SECONDS = 3


@dataclass
class StoredMaterial:
    id: str
    code: str
    verify_url: str
    size: int
    expires_at: str


@dataclass
class Session:
    """Everything about one applicant, on the server."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    touched: float = field(default_factory=time.monotonic)
    login_id: Optional[str] = None
    qr_data_url: Optional[str] = None
    qr_content: Optional[str] = None
    confirmation_code: Optional[str] = None
    login_state: Optional[LoginState] = None
    last_poll: float = 0.0
    grant: Optional[str] = None
    operator: str = ""
    license: Optional[elicense.License] = None
    materials: List[StoredMaterial] = field(default_factory=list)
    message: str = ""
    submitted: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class App:
    def __init__(self, client: elicense.Client, data_dir: Path, purpose: str) -> None:
        self.client = client
        self.data_dir = data_dir
        self.purpose = purpose
        self.sessions: Dict[str, Session] = {}
        self.lock = threading.Lock()

    def session(self, sid: Optional[str]) -> "tuple[str, Session, bool]":
        now = time.monotonic()
        with self.lock:
            for key in [k for k, s in self.sessions.items() if now - s.touched > SESSION_IDLE_SECONDS]:
                del self.sessions[key]
            if sid and sid in self.sessions:
                session = self.sessions[sid]
                session.touched = now
                return sid, session, False
            sid = secrets.token_urlsafe(32)
            session = self.sessions[sid] = Session()
            return sid, session, True


# --- pages -----------------------------------------------------------------------------------

STYLE = """
body { margin: 0; background: #eef1f5; color: #222; font: 14px/1.6 "WenQuanYi Micro Hei", "Microsoft YaHei", "SimSun", sans-serif; }
header { background: #1d4e89; color: #fff; border-bottom: 4px solid #c8102e; }
header .inner, main, footer { width: 960px; margin: 0 auto; }
header .inner { padding: 14px 0 10px; }
header h1 { margin: 0; font-size: 22px; letter-spacing: 2px; }
header p { margin: 2px 0 0; font-size: 13px; color: #d6e2f2; }
main { background: #fff; border: 1px solid #c9d2de; margin-top: 16px; padding: 18px 28px 24px; }
h2 { font-size: 18px; text-align: center; margin: 6px 0 4px; letter-spacing: 4px; }
.subtitle { text-align: center; color: #666; font-size: 12px; margin-bottom: 14px; }
fieldset { border: 1px solid #c9d2de; margin: 14px 0; padding: 8px 14px 12px; }
legend { font-weight: bold; color: #1d4e89; padding: 0 6px; }
table.form { width: 100%; border-collapse: collapse; }
table.form th, table.form td { border: 1px solid #d5dbe3; padding: 6px 8px; vertical-align: top; }
table.form th { width: 150px; background: #f3f5f8; text-align: right; font-weight: normal; color: #333; }
input[type=text], select, textarea { width: 96%; padding: 4px 6px; border: 1px solid #b8c2cf; font: inherit; background: #fff; }
input[readonly], textarea[readonly] { background: #f7f7f2; border-color: #d9d9cc; color: #111; }
textarea { height: 64px; }
textarea.tall { height: 118px; }
.req { color: #c8102e; }
.hint { color: #777; font-size: 12px; }
.btn { display: inline-block; background: #1d4e89; color: #fff; border: 1px solid #163d6b; padding: 6px 18px; font: inherit; cursor: pointer; text-decoration: none; }
.btn.secondary { background: #fff; color: #1d4e89; }
.btn[disabled] { background: #a9b4c2; border-color: #98a3b1; color: #f4f6f8; cursor: not-allowed; }
.notice { border: 1px solid #b9d3ee; background: #f1f7fd; padding: 8px 12px; margin: 10px 0; }
.warn { border: 1px solid #e6c36a; background: #fff8e1; padding: 8px 12px; margin: 10px 0; }
.error { border: 1px solid #e0a0a0; background: #fdf0f0; padding: 8px 12px; margin: 10px 0; color: #8a1c1c; }
.ok { color: #1d7a35; font-weight: bold; }
.qr { text-align: center; padding: 10px; }
.qr img { width: 220px; height: 220px; border: 1px solid #ccc; padding: 6px; background: #fff; image-rendering: pixelated; }
.qr code { display: block; margin-top: 8px; font-size: 12px; color: #555; word-break: break-all; }
.confirm-code { text-align: center; font-size: 16px; }
.confirm-code b { font-size: 26px; letter-spacing: 6px; color: #c8102e; font-family: monospace; }
.actions { text-align: center; margin-top: 16px; }
footer { color: #888; font-size: 12px; text-align: center; padding: 12px 0 24px; }
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def page(title: str, body: str, refresh: Optional[int] = None) -> str:
    meta = '<meta http-equiv="refresh" content="%d">' % refresh if refresh else ""
    return """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">%s<title>%s</title><style>%s</style></head>
<body><header><div class="inner"><h1>济南市政务服务网 · 企业开办一网通办</h1>
<p>济南市行政审批服务局（示例） · 电子营业执照应用</p></div></header>
<main>%s</main>
<footer>本系统为电子营业执照接入示例，所有企业数据均为沙箱演示数据 · elicense %s</footer>
</body></html>""" % (meta, esc(title), STYLE, body, esc(elicense.__version__))


def row(label: str, value: object, name: str, readonly: bool = True, required: bool = False, area: str = "") -> str:
    star = '<span class="req">*</span>' if required else ""
    attrs = ' readonly' if readonly else ""
    if area:
        control = '<textarea name="%s" class="%s"%s>%s</textarea>' % (name, area, attrs, esc(value))
    else:
        control = '<input type="text" name="%s" value="%s"%s>' % (name, esc(value), attrs)
    return "<tr><th>%s%s</th><td>%s</td></tr>" % (star, esc(label), control)


def form_page(app: App, session: Session) -> str:
    lic = session.license
    parts = ['<h2>企业开办登记申请表</h2><div class="subtitle">办理事项：%s　|　申请编号：QYKB-%s</div>'
             % (esc(app.purpose), esc(session.csrf[:8].upper()))]
    if session.message:
        parts.append('<div class="error">%s</div>' % esc(session.message))
        session.message = ""
    if session.submitted:
        parts.append('<div class="notice"><span class="ok">申请已提交。</span>受理部门将在 1 个工作日内审核，请留意短信通知。</div>')

    # 1. identity
    parts.append("<fieldset><legend>一、申请人身份认证</legend>")
    if lic is None:
        parts.append(
            '<div class="notice">使用<b>电子营业执照</b>扫码登录后，企业基本信息将由营业执照自动填写，无需手工录入，也无需上传营业执照扫描件。</div>'
            '<form method="post" action="/login" class="actions"><input type="hidden" name="csrf" value="%s">'
            '<button class="btn" type="submit">使用电子营业执照登录</button></form>' % esc(session.csrf)
        )
    else:
        parts.append(
            '<table class="form"><tr><th>认证方式</th><td>电子营业执照扫码登录 <span class="ok">已认证</span></td></tr>'
            "<tr><th>认证企业</th><td>%s（%s）</td></tr><tr><th>操作人</th><td>%s</td></tr></table>"
            % (esc(lic.name), esc(lic.uscc), esc(session.operator))
        )
    parts.append("</fieldset>")

    # 2. license data, from the front, read-only
    parts.append("<fieldset><legend>二、企业基本信息（照面信息）</legend>")
    if lic is not None:
        parts.append('<p class="hint">以下信息由电子营业执照自动填写，不可修改。</p>')
        if not lic.in_business:  # 吊销, 注销, 迁出: a state, not an error; this matter needs 存续/在业
            parts.append('<div class="warn" id="not-in-business">该企业登记状态为“%s”，不能办理本事项。</div>' % esc(lic.state_text))
    capital = ""
    if lic is not None:
        capital = "%s 万元（%s）" % (lic.registered_capital, lic.currency) if lic.registered_capital is not None else "无"
    parts.append('<table class="form">')
    parts.append(row("统一社会信用代码", lic.uscc if lic else "", "uniscid", required=True))
    parts.append(row("企业名称", lic.name if lic else "", "entname", required=True))
    parts.append(row("企业类型", lic.type if lic else "", "enttype"))
    parts.append(row("法定代表人", lic.legal_representative if lic else "", "lerep", required=True))
    parts.append(row("注册资本", capital, "regcap"))
    parts.append(row("成立日期", lic.established_on if lic else "", "estdate"))
    term = "%s 至 %s" % (lic.operating_from, lic.operating_to or "长期") if lic else ""
    parts.append(row("营业期限", term, "opterm"))
    parts.append(row("住所", lic.address if lic else "", "dom", required=True))
    parts.append(row("经营范围", lic.business_scope if lic else "", "opscope", area="tall"))
    parts.append(row("登记机关", lic.registration_authority if lic else "", "regorg"))
    parts.append(row("登记状态", lic.state_text if lic else "", "regstate"))
    parts.append("</table></fieldset>")

    # 3. the applicant's own entries
    parts.append('<form method="post" action="/submit"><input type="hidden" name="csrf" value="%s">' % esc(session.csrf))
    parts.append('<fieldset><legend>三、联系人信息</legend><table class="form">')
    parts.append(row("联系人", "", "contact", readonly=False, required=True))
    parts.append(row("联系电话", "", "phone", readonly=False, required=True))
    parts.append(row("备注", "", "remark", readonly=False, area="normal"))
    parts.append("</table></fieldset>")

    # 4. where the old form asked for a scan of the paper license
    parts.append('<fieldset><legend>四、申请材料</legend><table class="form"><tr><th><span class="req">*</span>营业执照</th><td>')
    if lic is None:
        parts.append('<button class="btn" type="button" disabled>上传扫描件</button>'
                     '<div class="hint">原需上传营业执照（副本）扫描件。使用电子营业执照登录后，改为在线获取带签名的证照材料，无需上传。</div>')
    elif not lic.in_business:
        parts.append('<span class="hint">企业登记状态为“%s”，不出具证照材料。</span>' % esc(lic.state_text))
    elif session.materials:
        for m in session.materials:
            parts.append(
                '<div id="material"><span class="ok">已获取电子营业执照证照材料</span>（已签名并存档，%d 字节）<br>'
                "材料编号 %s　核验码 <b>%s</b>　有效期至 %s<br>"
                '<a class="btn secondary" id="material-link" href="/materials/%s.pdf" download="营业执照证照材料-%s.pdf">下载 PDF</a> '
                '<a class="btn secondary" href="%s" target="_blank">在线核验</a></div>'
                % (m.size, esc(m.id), esc(m.code), esc(m.expires_at), esc(m.id), esc(m.code), esc(m.verify_url))
            )
    else:
        parts.append(
            '<button class="btn" id="get-material" type="submit" formaction="/material">获取电子营业执照证照材料</button> '
            '<span class="hint">代替上传扫描件：由前置系统出具带签名、水印与核验码的证照材料。</span>'
        )
    parts.append("</td></tr></table></fieldset>")
    disabled = "" if lic is not None and session.materials and not session.submitted else " disabled"
    parts.append('<div class="actions"><button class="btn" id="submit" type="submit"%s>提交申请</button></div></form>' % disabled)
    if lic is not None:
        parts.append('<form method="post" action="/logout" class="actions"><input type="hidden" name="csrf" value="%s">'
                     '<button class="btn secondary" type="submit">退出登录</button></form>' % esc(session.csrf))
    return page("企业开办登记申请表", "".join(parts))


STATE_TEXT = {
    LoginState.PENDING: "请使用电子营业执照应用扫描二维码",
    LoginState.SCANNED: "已扫码，请在手机上确认登录",
}


def login_page(session: Session, error: str = "") -> str:
    state = session.login_state or LoginState.PENDING
    body = ['<h2>电子营业执照扫码登录</h2><div class="subtitle">打开微信或支付宝中的“电子营业执照”小程序，扫描下方二维码</div>']
    if error:
        body.append('<div class="error">%s</div>' % esc(error))
    body.append(
        '<div class="qr"><img id="qr" alt="登录二维码" src="%s"><code id="qr-content">%s</code></div>'
        '<p class="confirm-code">确认码 <b id="confirmation-code">%s</b><br><span class="hint">'
        '手机上显示的确认码与此一致时才可确认登录；不一致请拒绝——该二维码可能被他人转发。</span></p>'
        '<p class="actions" id="login-state">%s<br><span class="hint">本页每 %d 秒自动刷新</span></p>'
        '<p class="actions"><a class="btn secondary" href="/">返回申请表</a></p>'
        % (esc(session.qr_data_url), esc(session.qr_content), esc(session.confirmation_code),
           esc(STATE_TEXT.get(state, "")), REFRESH_SECONDS)
    )
    return page("电子营业执照扫码登录", "".join(body), refresh=REFRESH_SECONDS)


# --- the request handler -----------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    app: App  # set on the subclass made in main()
    server_version = "qykb-demo/1"

    def _session(self) -> "tuple[str, Session, bool]":
        sid = None
        for part in self.headers.get("Cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                sid = value
        return self.app.session(sid)

    def _send(self, status: int, body: bytes, content_type: str, sid: str, new: bool, headers: Optional[Dict[str, str]] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if new:
            self.send_header("Set-Cookie", "%s=%s; Path=/; HttpOnly; SameSite=Lax" % (COOKIE, sid))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html(self, text: str, sid: str, new: bool, status: int = 200) -> None:
        self._send(status, text.encode("utf-8"), "text/html; charset=utf-8", sid, new)

    def _redirect(self, where: str, sid: str, new: bool) -> None:
        self._send(HTTPStatus.SEE_OTHER, b"", "text/plain", sid, new, {"Location": where})

    def _form(self) -> Dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, 64 * 1024)).decode("utf-8", "replace")
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}

    def do_GET(self) -> None:
        sid, session, new = self._session()
        path = urllib.parse.urlsplit(self.path).path
        with session.lock:
            if path == "/":
                self._html(form_page(self.app, session), sid, new)
            elif path == "/login":
                self._login_status(sid, session, new)
            elif path.startswith("/materials/") and path.endswith(".pdf"):
                self._material_document(path[len("/materials/"):-len(".pdf")], sid, session, new)
            else:
                self._html(page("未找到", "<h2>页面不存在</h2>"), sid, new, 404)

    def do_POST(self) -> None:
        sid, session, new = self._session()
        path = urllib.parse.urlsplit(self.path).path
        form = self._form()
        with session.lock:
            if form.get("csrf") != session.csrf:
                self._html(page("请求无效", '<div class="error">页面已过期，请返回重新操作。</div>'), sid, new, 403)
                return
            if path == "/login":
                self._login_start(session)
                self._redirect("/login", sid, new)
            elif path == "/material" and session.grant:
                self._material(session)
                self._redirect("/#material", sid, new)
            elif path == "/submit" and session.license is not None and session.materials:
                session.submitted = True  # a real system would store the application here
                self._redirect("/", sid, new)
            elif path == "/logout":
                with self.app.lock:
                    self.app.sessions.pop(sid, None)
                self._redirect("/", sid, new)
            else:
                self._redirect("/", sid, new)

    # -- the e-license calls --------------------------------------------------------------------

    def _login_start(self, session: Session) -> None:
        try:
            login = self.app.client.login_start(self.app.purpose)
        except elicense.ElicenseError as error:
            session.message = "无法发起电子营业执照登录：%s" % error.message
            return
        # The login id stays here, bound to this browser session; the browser sees only the QR code and its code.
        session.login_id, session.qr_content, session.qr_data_url = login.id, login.qr_content, login.qr_data_url
        session.confirmation_code = login.confirmation_code
        session.login_state, session.last_poll = login.state, time.monotonic()

    def _login_status(self, sid: str, session: Session, new: bool) -> None:
        if session.grant or not session.login_id:
            self._redirect("/", sid, new)
            return
        error = ""
        if time.monotonic() - session.last_poll >= POLL_SECONDS:
            session.last_poll = time.monotonic()
            try:
                status = self.app.client.login_poll(session.login_id)
                session.login_state = status.state
                if status.authorized:
                    self._authorized(session, status)
                    self._redirect("/", sid, new)
                    return
            except elicense.LoginError as failure:
                if failure.status == elicense.Status.LOGIN_NOT_FOUND:
                    session.login_state = LoginState.EXPIRED
                elif failure.status != elicense.Status.SLOW_DOWN:
                    error = failure.message
            except elicense.ElicenseError as failure:
                error = "暂时无法查询登录状态：%s" % failure.message
        if session.login_state in (LoginState.DENIED, LoginState.EXPIRED):
            session.message = "企业已拒绝本次登录授权。" if session.login_state == LoginState.DENIED else "二维码已过期，请重新登录。"
            session.login_id = None
            self._redirect("/", sid, new)
            return
        self._html(login_page(session, error), sid, new)

    def _authorized(self, session: Session, status: elicense.LoginStatus) -> None:
        grant = status.require_grant()
        session.grant = grant
        role = status.operator_role.label_zh if status.operator_role else ""
        session.operator = "%s（%s）" % (status.operator_name or "", role)
        try:
            # The department's backend obtains the license data itself, with the grant.
            session.license = self.app.client.license(grant)
        except elicense.ElicenseError as error:
            session.message = "获取营业执照信息失败：%s" % error.message
            session.grant = None

    def _material(self, session: Session) -> None:
        if session.license is None or not session.license.in_business:
            session.message = "该企业不在存续/在业状态，不能办理本事项。"
            return
        try:
            material = self.app.client.issue_material(session.grant or "", self.app.purpose)
        except elicense.GrantError as error:
            session.message = "企业授权已失效，请重新登录：%s" % error.message
            session.grant, session.license = None, None
            return
        except elicense.ElicenseError as error:
            session.message = "获取证照材料失败：%s" % error.message
            return
        folder = self.app.data_dir / "materials"
        folder.mkdir(parents=True, exist_ok=True)
        material.save(folder / ("%s.pdf" % material.id))
        # The signed record is what the department keeps in place of the scanned image.
        (folder / ("%s.json" % material.id)).write_text(json.dumps(material.record, ensure_ascii=False, indent=1), "utf-8")
        expires = material.expires_at.astimezone().strftime("%Y-%m-%d") if material.expires_at else ""
        session.materials.append(StoredMaterial(material.id, material.code, material.verify_url, len(material.document), expires))

    def _material_document(self, material_id: str, sid: str, session: Session, new: bool) -> None:
        known = [m for m in session.materials if m.id == material_id]
        if not known:
            self._html(page("未找到", "<h2>材料不存在</h2>"), sid, new, 404)
            return
        data = (self.app.data_dir / "materials" / ("%s.pdf" % known[0].id)).read_bytes()
        filename = urllib.parse.quote("营业执照证照材料-%s.pdf" % known[0].code)
        self._send(200, data, "application/pdf", sid, new,
                   {"Content-Disposition": "attachment; filename=\"license-material.pdf\"; filename*=UTF-8''%s" % filename})

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        sys.stderr.write("webapp: %s\n" % (format % args))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="企业开办 form with e-license login (demo web application)")
    parser.add_argument("config", help="client configuration issued by the front system")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9080)
    parser.add_argument("--data-dir", default="webapp-data", help="where the obtained materials are stored")
    parser.add_argument("--purpose", default="企业开办", help="the matter handled (办理事项)")
    args = parser.parse_args(argv)

    with elicense.Client(args.config) as client:  # one client, shared by every request thread
        handler = type("AppHandler", (Handler,), {"app": App(client, Path(args.data_dir), args.purpose)})
        server = ThreadingHTTPServer((args.host, args.port), handler)
        server.daemon_threads = True
        print("企业开办 demo on http://%s:%d/" % (args.host, server.server_address[1]), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
