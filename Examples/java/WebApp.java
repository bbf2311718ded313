/*
 * WebApp.java — a department's "企业开办" application form, in the style of a legacy Java web
 * application, using the electronic business license instead of paper:
 *
 *   1. the page starts an e-license login and shows its QR code (PNG as an <img> data URL, and
 *      the QR content as text) with its confirmation code (确认码, which the e-license app shows
 *      too); the page polls until the enterprise confirms in its app;
 *   2. the form is then pre-filled with the license data (照面信息) the backend fetched from the
 *      front system with the grant — never data supplied by the browser;
 *   3. where the old form asked for a scan of the paper license, one button obtains signed,
 *      verifiable license material from the front and offers its PDF.
 *
 * The login id and the grant live in a server-side session keyed by a cookie: the login is bound
 * to the browser session that was shown its QR code, and a login id is never taken from the
 * browser (protocol §4.3), so a relayed QR code cannot log in another session. Only the JDK
 * (com.sun.net.httpserver) and elicense.jar are used; Java 8 compatible.
 *
 *   java -Djna.library.path=out/sdk/lib -cp out/java/elicense.jar:/usr/share/java/jna.jar:out/java/examples \
 *       WebApp CONFIG [PORT]          # then open http://127.0.0.1:PORT/ (default 9080)
 */
import cn.elicense.ElicenseClient;
import cn.elicense.ElicenseBusinessException;
import cn.elicense.ElicenseException;
import cn.elicense.License;
import cn.elicense.LoginSession;
import cn.elicense.LoginState;
import cn.elicense.LoginStatus;
import cn.elicense.Status;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public final class WebApp {
    /** The matter being handled (办理事项): shown to the enterprise and watermarked on the material. */
    static final String PURPOSE = "企业开办";
    static final String COOKIE = "ELIC_SESSION";
    static final long SESSION_IDLE_SECONDS = 30 * 60;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);

    /** What the server keeps per browser. Nothing here is ever sent to the browser except for display. */
    static final class Session {
        final String id;
        volatile long lastSeen = System.currentTimeMillis();
        LoginSession login;          // the QR code being shown
        String notice;               // a one-time message for the next page
        LoginStatus subject;         // who logged in, once authorized
        String grant;                // the enterprise's consent: server-side only
        License license;             // fetched with the grant
        cn.elicense.Material material; // issued in place of the uploaded scan
        String submitted;            // reference of a submitted application
        List<String> items;          // what was applied for
        String contact;
        String phone;

        Session(String id) {
            this.id = id;
        }
    }

    private final ElicenseClient client;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    WebApp(ElicenseClient client) {
        this.client = client;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: WebApp CONFIG [PORT]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9080;
        // One client for the whole application, shared by all request threads.
        final ElicenseClient client = ElicenseClient.fromFile(Paths.get(args[0]));
        final WebApp app = new WebApp(client);
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        final ExecutorService threads = Executors.newFixedThreadPool(8);
        server.setExecutor(threads);
        server.createContext("/", app.handler());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            threads.shutdown();
            client.close();
        }));
        server.start();
        System.out.println("企业开办 WebApp listening on http://127.0.0.1:" + port + "/");
    }

    HttpHandler handler() {
        return exchange -> {
            long started = System.nanoTime();
            int status = 500;
            try {
                status = route(exchange);
            } catch (RuntimeException e) {
                e.printStackTrace();
                status = send(exchange, 500, "text/plain; charset=UTF-8", ("internal error: " + e).getBytes(StandardCharsets.UTF_8));
            } finally {
                System.out.printf("%s %s %d %d ms%n", exchange.getRequestMethod(), exchange.getRequestURI(), status,
                        (System.nanoTime() - started) / 1_000_000);
                exchange.close();
            }
        };
    }

    private int route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Session session = session(exchange);
        synchronized (session) { // one request at a time per browser session
            if (path.equals("/") && method.equals("GET")) {
                return send(exchange, 200, "text/html; charset=UTF-8", page(session).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/login/status") && method.equals("GET")) {
                return send(exchange, 200, "application/json; charset=UTF-8", loginStatus(session).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/login/restart") && method.equals("POST")) {
                session.login = null;
                return redirect(exchange, "/");
            } else if (path.equals("/logout") && method.equals("POST")) {
                sessions.remove(session.id);
                exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
                return redirect(exchange, "/");
            } else if (path.equals("/material") && method.equals("POST")) {
                form(exchange); // the application form's fields come along; nothing in them is needed here
                obtainMaterial(session);
                return redirect(exchange, "/#materials");
            } else if (path.equals("/material.pdf") && method.equals("GET")) {
                if (session.material == null) {
                    return send(exchange, 404, "text/plain; charset=UTF-8", "no material in this session".getBytes(StandardCharsets.UTF_8));
                }
                exchange.getResponseHeaders().set("Content-Disposition", "inline; filename=\"license-material-"
                        + session.material.getCode() + ".pdf\"; filename*=UTF-8''" + URLEncoder.encode("营业执照证照材料-"
                        + session.material.getCode() + ".pdf", "UTF-8"));
                return send(exchange, 200, session.material.getFormat().contentType(), session.material.getDocument());
            } else if (path.equals("/submit") && method.equals("POST")) {
                submit(session, form(exchange));
                return redirect(exchange, "/");
            }
            return send(exchange, 404, "text/plain; charset=UTF-8", "not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- the e-license steps -------------------------------------------------------------------------------

    /** Polls the login once; on authorization keeps the grant and fetches the license server-side. */
    private void refreshLogin(Session session) {
        if (session.grant != null) {
            return;
        }
        if (session.login == null || !session.login.getExpiresAt().isAfter(Instant.now())) {
            if (session.login != null) {
                session.notice = "二维码已过期，已为您刷新。";
            }
            session.login = client.startLogin(PURPOSE);
            return;
        }
        LoginStatus status;
        try {
            status = client.pollLogin(session.login.getId());
        } catch (ElicenseBusinessException e) {
            if (e.getStatus() == Status.SLOW_DOWN) {
                return; // polled too soon (two tabs?): ask again next time
            }
            throw e;
        }
        switch (status.getState()) {
            case AUTHORIZED:
                session.subject = status;
                session.grant = status.getGrant();
                session.license = client.fetchLicense(session.grant);
                session.login = null;
                break;
            case EXPIRED:
                session.notice = "二维码已过期，已为您刷新。";
                session.login = client.startLogin(PURPOSE);
                break;
            case DENIED:
                session.notice = "企业已在电子营业执照中拒绝本次授权。如需继续办理，请重新扫码。";
                session.login = client.startLogin(PURPOSE);
                break;
            default:
                break;
        }
    }

    private String loginStatus(Session session) {
        if (session.grant != null) {
            return "{\"state\":\"authorized\"}";
        }
        if (session.login == null) {
            return "{\"state\":\"none\"}";
        }
        String id = session.login.getId();
        try {
            LoginStatus status = client.pollLogin(id);
            LoginState state = status.getState();
            if (state == LoginState.AUTHORIZED) {
                session.subject = status;
                session.grant = status.getGrant();
                session.license = client.fetchLicense(session.grant);
                session.login = null;
            }
            return "{\"state\":\"" + state.name().toLowerCase(Locale.ROOT) + "\",\"label\":\"" + state.label() + "\"}";
        } catch (ElicenseException e) {
            if (e.getStatus() == Status.SLOW_DOWN) {
                return "{\"state\":\"pending\",\"label\":\"" + LoginState.PENDING.label() + "\"}";
            }
            return "{\"state\":\"error\",\"label\":\"" + json(e.getText()) + "\"}";
        }
    }

    private void obtainMaterial(Session session) {
        if (session.grant == null) {
            session.notice = "请先使用电子营业执照登录。";
            return;
        }
        if (session.license != null && !session.license.inBusiness()) {
            // 吊销, 注销 or 迁出: the material would be signed and verify as valid, yet not serve the application.
            session.notice = "该企业登记状态为“" + session.license.getStateText() + "”，不在存续（在业）状态，不能据此办理。";
            return;
        }
        try {
            session.material = client.issueMaterial(session.grant, PURPOSE);
            // A real system stores session.material.getRecordJson() (the signed record) and the
            // document with the application, where the uploaded scan used to go.
        } catch (ElicenseException e) {
            session.notice = "获取证照材料失败：" + e.getText();
            if (e.getStatus() == Status.GRANT_EXPIRED || e.getStatus() == Status.GRANT_INVALID) {
                session.grant = null;
                session.license = null;
                session.subject = null;
                session.notice += " 授权已失效，请重新扫码登录。";
            }
        }
    }

    private void submit(Session session, Map<String, List<String>> form) {
        if (session.license == null) {
            session.notice = "请先使用电子营业执照登录。";
            return;
        }
        if (session.material == null) {
            session.notice = "请先获取营业执照证照材料。";
            return;
        }
        List<String> items = form.containsKey("item") ? form.get("item") : new ArrayList<String>();
        String contact = first(form, "contact");
        String phone = first(form, "phone");
        if (items.isEmpty() || contact.isEmpty() || phone.isEmpty()) {
            session.notice = "请选择申请事项，并填写联系人和联系电话。";
            return;
        }
        session.items = items;
        session.contact = contact;
        session.phone = phone;
        session.submitted = "QYKB-" + TIME.format(Instant.now()).replaceAll("[^0-9]", "") + "-"
                + Integer.toString(100 + random.nextInt(900));
        // A real system stores the application with session.material.getRecordJson() here.
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).trim();
    }

    // ---- the page ------------------------------------------------------------------------------------------

    private String page(Session session) {
        String error = null;
        try {
            refreshLogin(session);
        } catch (ElicenseException e) {
            error = e.getText() + (e.getRequestId() == null ? "" : "（请求编号 " + e.getRequestId() + "）");
        }
        StringBuilder html = new StringBuilder(16384);
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>企业开办“一件事”申请 — 济南市政务服务网（示例）</title><style>").append(CSS).append("</style></head><body>")
                .append("<div class=\"top\"><div class=\"wrap\"><span class=\"emblem\">政</span>")
                .append("<span class=\"site\">济南市政务服务网</span><span class=\"sub\">企业开办一网通办系统（示例）</span></div></div>")
                .append("<div class=\"wrap main\">")
                .append("<div class=\"crumb\">首页 &gt; 企业服务 &gt; 企业开办 &gt; 申请表</div>")
                .append("<h1>企业开办“一件事”申请表</h1>")
                .append("<p class=\"lead\">本事项支持电子营业执照登录：企业信息由电子营业执照自动带出，营业执照无需再上传扫描件。</p>");
        steps(html, session);
        if (session.notice != null) {
            html.append("<div class=\"notice\" id=\"notice\">").append(esc(session.notice)).append("</div>");
            session.notice = null;
        }
        if (error != null) {
            html.append("<div class=\"error\" id=\"error\">").append(esc(error)).append("</div>");
        }
        if (session.license == null) {
            loginPanel(html, session);
        } else if (session.submitted == null) {
            form(html, session);
        } else {
            receipt(html, session);
        }
        html.append("</div><div class=\"foot\"><div class=\"wrap\">主办：济南市行政审批服务局（示例） · 技术支持：elicense 电子营业执照应用接入 ·")
                .append(" 本页为演示系统，数据均为虚构</div></div></body></html>");
        return html.toString();
    }

    private static void steps(StringBuilder html, Session session) {
        int step = session.license == null ? 1 : session.submitted == null ? 2 : 3;
        String[] names = {"电子营业执照登录", "核对企业信息并填写申请", "提交申请"};
        html.append("<ol class=\"steps\">");
        for (int i = 0; i < names.length; i++) {
            html.append("<li class=\"").append(i + 1 < step || session.submitted != null ? "done" : i + 1 == step ? "current" : "")
                    .append("\"><b>")
                    .append(i + 1).append("</b>").append(names[i]).append("</li>");
        }
        html.append("</ol>");
    }

    private static void loginPanel(StringBuilder html, Session session) {
        html.append("<div class=\"panel\" id=\"login\"><h2>第一步：电子营业执照扫码登录</h2>");
        if (session.login == null) {
            html.append("<p>暂时无法生成登录二维码，请稍后刷新本页。</p></div>");
            return;
        }
        LoginSession login = session.login;
        html.append("<div class=\"qrbox\"><img id=\"qr\" alt=\"电子营业执照登录二维码\" width=\"200\" height=\"200\" src=\"")
                .append(login.getQrPngDataUrl()).append("\"><div class=\"howto\">")
                .append("<p>请企业的法定代表人、证照管理员或经办人打开<b>电子营业执照</b>小程序，选择“扫一扫”，扫描左侧二维码，并在手机上确认授权。</p>")
                .append("<p>授权用途：<b>").append(esc(PURPOSE)).append("</b></p>")
                .append("<p>确认码：<b id=\"confirmation-code\" class=\"code\">").append(esc(login.getConfirmationCode()))
                .append("</b><br><span class=\"small\">手机上显示的确认码与此一致时才可确认登录；不一致请拒绝——该二维码可能被他人转发。</span></p>")
                .append("<p>二维码有效期至：").append(TIME.format(login.getExpiresAt())).append("</p>")
                .append("<p>状态：<span id=\"login-state\" data-state=\"").append(login.getState().name().toLowerCase(Locale.ROOT)).append("\">")
                .append(esc(login.getState().label())).append("</span></p>")
                .append("<p class=\"small\">二维码内容：<code id=\"qr-content\">").append(esc(login.getQrContent())).append("</code></p>")
                .append("</div></div></div>")
                // Poll the server (which polls the front) every 2 s; reload once the login ends.
                .append("<script>(function(){var s=document.getElementById('login-state');")
                .append("function poll(){var x=new XMLHttpRequest();x.open('GET','/login/status');")
                .append("x.onload=function(){var r=JSON.parse(x.responseText);if(r.label){s.textContent=r.label;}s.setAttribute('data-state',r.state);")
                .append("if(r.state==='authorized'||r.state==='denied'||r.state==='expired'){location.reload();}else{setTimeout(poll,2000);}};")
                .append("x.onerror=function(){setTimeout(poll,5000);};x.send();}setTimeout(poll,2000);})();</script>");
    }

    private static void form(StringBuilder html, Session session) {
        License l = session.license;
        LoginStatus who = session.subject;
        html.append("<div class=\"who\">已通过电子营业执照登录：<b id=\"subject\">").append(esc(who.getSubjectName())).append("</b>（")
                .append(esc(who.getSubjectUscc())).append("） 操作人：").append(esc(who.getOperatorName())).append("（")
                .append(esc(who.getOperatorRole().label())).append("）")
                .append("<form method=\"post\" action=\"/logout\" class=\"inline\"><button class=\"link\">退出登录</button></form></div>");
        if (!l.inBusiness()) {
            html.append("<div class=\"error\">注意：该企业登记状态为“").append(esc(l.getStateText()))
                    .append("”，不在存续（在业）状态，请核实后决定是否受理。</div>");
        }
        html.append("<form method=\"post\" action=\"/submit\" id=\"application\">");
        html.append("<h2>一、企业基本信息 <span class=\"hint\">（由电子营业执照自动带出，不可修改）</span></h2><table class=\"grid\">");
        row(html, "统一社会信用代码", "uscc", l.getUscc(), "企业名称", "entname", l.getName());
        row(html, "企业类型", "enttype", l.getType(), "法定代表人", "lerep", l.getLegalRepresentative());
        BigDecimal capital = l.getRegisteredCapital();
        String capitalText = capital == null ? "—" : capital.stripTrailingZeros().toPlainString() + " 万元"
                + ("CNY".equals(l.getCurrency()) ? "人民币" : " " + l.getCurrency());
        row(html, "注册资本", "regcap", capitalText, "成立日期", "estdate", String.valueOf(l.getEstablishedOn()));
        row(html, "营业期限", "term", l.getOperatingFrom() + " 至 " + (l.isOperatingIndefinitely() ? "长期" : String.valueOf(l.getOperatingTo())),
                "登记状态", "regstate", l.getStateText());
        row(html, "登记机关", "regorg", l.getRegistrationAuthority(), "核准日期", "apprdate", String.valueOf(l.getApprovedOn()));
        html.append("<tr><th>住所</th><td colspan=\"3\"><input readonly name=\"dom\" value=\"").append(esc(l.getAddress())).append("\"></td></tr>")
                .append("<tr><th>经营范围</th><td colspan=\"3\"><textarea readonly name=\"opscope\" rows=\"3\">")
                .append(esc(l.getBusinessScope())).append("</textarea></td></tr></table>");

        html.append("<h2>二、申请事项</h2><table class=\"grid\"><tr><th>办理事项</th><td colspan=\"3\" class=\"items\">");
        for (String item : new String[] {"公章刻制备案", "申领发票及税控设备", "员工参保登记", "住房公积金缴存登记", "银行预约开户"}) {
            html.append("<label><input type=\"checkbox\" name=\"item\" value=\"").append(item).append("\" checked> ")
                    .append(item).append("</label>");
        }
        html.append("</td></tr><tr><th><i>*</i>联系人</th><td><input name=\"contact\" placeholder=\"必填\" required></td>")
                .append("<th><i>*</i>联系电话</th><td><input name=\"phone\" placeholder=\"必填\" required></td></tr></table>");

        html.append("<h2 id=\"materials\">三、申请材料</h2><table class=\"grid materials\"><colgroup><col style=\"width:56px\">")
                .append("<col style=\"width:42%\"><col><col style=\"width:110px\"></colgroup><tr><th class=\"n\">序号</th>")
                .append("<th>材料名称</th><th>提交方式</th><th>状态</th></tr><tr><td class=\"n\">1</td><td>营业执照（副本）")
                .append("<div class=\"small\">原需上传营业执照扫描件；现由电子营业执照验证前置系统出具经签名、可核验的证照材料。</div></td><td>");
        cn.elicense.Material m = session.material;
        if (m == null) {
            html.append("<button type=\"submit\" formaction=\"/material\" formnovalidate id=\"get-material\" class=\"primary small-btn\">获取电子营业执照证照材料</button>")
                    .append("</td><td class=\"pending\">未获取</td></tr>");
        } else {
            html.append("<a id=\"material-link\" href=\"/material.pdf\" target=\"_blank\">查看证照材料（PDF，")
                    .append(m.getDocumentSize() / 1024).append(" KB）</a>")
                    .append("<div class=\"small\">验证码 <b id=\"material-code\">").append(esc(m.getCode())).append("</b> · 有效期至 ")
                    .append(TIME.format(m.getExpiresAt())).append(" · <a href=\"").append(esc(m.getVerifyUrl()))
                    .append("\" target=\"_blank\">在线核验</a></div></td><td class=\"ok\">已获取</td></tr>");
        }
        html.append("<tr><td class=\"n\">2</td><td>公章刻制申请表</td><td>系统自动生成</td><td class=\"ok\">已生成</td></tr></table>");
        html.append("<div class=\"actions\"><button type=\"submit\" class=\"primary\" id=\"submit\">提交申请</button>")
                .append("<span class=\"small\">提交即表示申请人承诺所填信息真实有效。</span></div></form>");
    }

    private static void receipt(StringBuilder html, Session session) {
        License l = session.license;
        cn.elicense.Material m = session.material;
        html.append("<div class=\"panel receipt\" id=\"receipt\"><h2>申请已提交</h2>")
                .append("<p>您的申请已提交（示例系统，不作实际处理）。请记录受理编号，以便查询办理进度。</p>")
                .append("<table class=\"grid\"><tr><th>受理编号</th><td id=\"reference\"><b>").append(esc(session.submitted))
                .append("</b></td></tr><tr><th>申请企业</th><td>").append(esc(l.getName())).append("</td></tr>")
                .append("<tr><th>统一社会信用代码</th><td>").append(esc(l.getUscc())).append("</td></tr>")
                .append("<tr><th>申请事项</th><td>").append(esc(String.join("、", session.items))).append("</td></tr>")
                .append("<tr><th>联系人及电话</th><td>").append(esc(session.contact)).append("　").append(esc(session.phone)).append("</td></tr>")
                .append("<tr><th>营业执照</th><td>电子营业执照证照材料，验证码 ").append(esc(m.getCode()))
                .append(" · <a href=\"/material.pdf\" target=\"_blank\">查看</a></td></tr></table>")
                .append("<div class=\"actions\"><form method=\"post\" action=\"/logout\" class=\"inline\">")
                .append("<button class=\"primary\">完成并退出</button></form></div></div>");
    }

    private static void row(StringBuilder html, String label1, String name1, String value1, String label2, String name2, String value2) {
        html.append("<tr><th>").append(label1).append("</th><td><input readonly name=\"").append(name1).append("\" value=\"")
                .append(esc(value1)).append("\"></td><th>").append(label2).append("</th><td><input readonly name=\"").append(name2)
                .append("\" value=\"").append(esc(value2)).append("\"></td></tr>");
    }

    static final String CSS = ""
            + "body{margin:0;background:#f0f2f5;color:#222;font:14px/1.6 'WenQuanYi Micro Hei','Microsoft YaHei','SimSun',sans-serif}"
            + ".wrap{width:980px;margin:0 auto}"
            + ".top{background:#1d4f91;color:#fff;border-bottom:3px solid #c8161d;height:60px;line-height:60px}"
            + ".emblem{display:inline-block;width:36px;height:36px;line-height:36px;margin:12px 10px 0 0;vertical-align:top;"
            + "text-align:center;background:#c8161d;border-radius:50%;font-weight:bold}"
            + ".site{font-size:22px;font-weight:bold;letter-spacing:2px}.sub{margin-left:16px;font-size:15px;opacity:.85}"
            + ".main{background:#fff;border:1px solid #d9dde3;margin-top:16px;padding:8px 32px 28px}"
            + ".crumb{color:#777;font-size:12px;margin:6px 0}"
            + "h1{font-size:22px;text-align:center;margin:10px 0 4px;color:#1d4f91}"
            + ".lead{text-align:center;color:#555;margin:0 0 14px}"
            + "h2{font-size:16px;border-left:4px solid #1d4f91;padding-left:8px;margin:22px 0 10px}"
            + ".hint{font-size:12px;color:#888;font-weight:normal}"
            + ".steps{display:flex;list-style:none;padding:0;margin:0 0 16px;border:1px solid #d9dde3}"
            + ".steps li{flex:1;text-align:center;padding:8px;background:#f7f8fa;color:#888;border-right:1px solid #d9dde3}"
            + ".steps li:last-child{border-right:0}.steps li b{display:inline-block;width:20px;height:20px;line-height:20px;"
            + "border-radius:50%;background:#bbb;color:#fff;margin-right:6px;font-size:12px}"
            + ".steps li.current{background:#1d4f91;color:#fff}.steps li.current b{background:#fff;color:#1d4f91}"
            + ".steps li.done{color:#1d4f91}.steps li.done b{background:#1d4f91}"
            + ".panel{border:1px solid #d9dde3;padding:4px 20px 16px}"
            + ".qrbox{display:flex;align-items:flex-start}.qrbox img{border:1px solid #ccc;padding:8px;margin-right:24px;image-rendering:pixelated}"
            + ".howto p{margin:4px 0}#login-state{color:#c8161d;font-weight:bold}"
            + ".code{font-size:22px;letter-spacing:5px;font-family:monospace;color:#c8161d}"
            + "code{font-size:12px;color:#555;word-break:break-all}"
            + ".who{background:#eef4fb;border:1px solid #c9daf0;padding:8px 12px;margin-bottom:8px}"
            + "table.grid{width:100%;border-collapse:collapse;table-layout:fixed}"
            + ".grid th,.grid td{border:1px solid #d9dde3;padding:6px 8px;vertical-align:middle}"
            + ".grid th{background:#f5f7fa;width:130px;text-align:right;font-weight:normal;color:#444}"
            + ".grid input,.grid textarea{width:100%;box-sizing:border-box;border:1px solid #ccd2da;padding:4px 6px;font:inherit}"
            + ".grid input[readonly],.grid textarea[readonly]{background:#f3f4f6;color:#333;border-color:#e1e4e8}"
            + ".grid textarea{resize:vertical}.items label{margin-right:18px;white-space:nowrap}.items input{width:auto}"
            + ".materials th{text-align:center;width:auto}.materials .n{width:48px;text-align:center}"
            + ".ok{color:#2e7d32;text-align:center}.pending{color:#c8161d;text-align:center}"
            + ".small{font-size:12px;color:#777}.grid th i{color:#c8161d;font-style:normal;margin-right:2px}"
            + ".receipt .grid th{width:160px}.receipt p{margin:4px 0 12px}.steps li.done{background:#eef4fb}"
            + "button.primary{background:#1d4f91;color:#fff;border:0;padding:8px 28px;font:inherit;cursor:pointer}"
            + "button.small-btn{padding:5px 12px}"
            + "button.link{background:none;border:0;color:#1d4f91;text-decoration:underline;cursor:pointer;font:inherit}"
            + "form.inline{display:inline;margin-left:12px}a{color:#1d4f91}"
            + ".actions{text-align:center;margin-top:22px}.actions .small{margin-left:12px}"
            + ".notice{background:#fff8e1;border:1px solid #f0d58c;padding:8px 12px;margin:8px 0}"
            + ".error{background:#fdecea;border:1px solid #f3b8b3;color:#a4161a;padding:8px 12px;margin:8px 0}"
            + ".foot{color:#888;font-size:12px;text-align:center;padding:16px 0 24px}";

    // ---- plumbing ------------------------------------------------------------------------------------------

    private Session session(HttpExchange exchange) {
        long now = System.currentTimeMillis();
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext();) {
            if (now - it.next().lastSeen > SESSION_IDLE_SECONDS * 1000) {
                it.remove();
            }
        }
        String id = null;
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", new ArrayList<String>())) {
            for (String part : header.split(";")) {
                String[] pair = part.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(COOKIE)) {
                    id = pair[1];
                }
            }
        }
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) {
                hex.append(String.format("%02x", b));
            }
            session = new Session(hex.toString());
            sessions.put(session.id, session);
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session.id + "; Path=/; Max-Age="
                    + SESSION_IDLE_SECONDS + "; HttpOnly; SameSite=Lax");
        }
        session.lastSeen = now;
        return session;
    }

    private static Map<String, List<String>> form(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0 && body.size() < 65536;) {
                body.write(buffer, 0, n);
            }
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : new String(body.toByteArray(), StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], "UTF-8");
            form.computeIfAbsent(key, k -> new ArrayList<String>()).add(kv.length > 1 ? URLDecoder.decode(kv[1], "UTF-8") : "");
        }
        return form;
    }

    private static int redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
        return 303;
    }

    private static int send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
