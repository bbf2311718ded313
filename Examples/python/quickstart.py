import elicense
try:
    client = elicense.Client.from_file("elicense.json")  # the file the front system issued
    login = client.login_start("企业开办")
    login.save_qr("login.png")  # the enterprise scans it with its e-license app
    grant = client.login_wait(login).require_grant()  # LoginError when denied or expired
    license, material = client.license(grant), client.issue_material(grant, "企业开办")
    print(license.name, license.state_text, license.in_business, client.verify(material).name)
except elicense.ElicenseError as error:  # 中文 first, then English; request_id for support
    raise SystemExit(error)
