"""Sharing the scene (ui/share.py)."""

TEXT = {
    "share.title": {"en": "Share this scene", "ko": "이 장면 공유하기"},
    "share.copy_help": {
        "en": "The link opens this page with the same settings and story step.",
        "ko": "이 링크는 같은 설정과 같은 수업 단계로 이 페이지를 엽니다.",
    },
    "share.copy": {"en": "Copy link", "ko": "링크 복사"},
    "share.copy_aria": {"en": "Copy the link to this scene", "ko": "이 장면의 링크 복사"},
    "share.copied": {"en": "Copied", "ko": "복사했습니다"},
    "share.copy_select": {
        "en": "The link is selected: copy it with Ctrl+C (⌘C), or long-press it on a phone.",
        "ko": "링크를 선택했습니다. Ctrl+C(⌘C)로 복사하거나, 휴대폰에서는 길게 눌러 복사하세요.",
    },
    "share.scan": {"en": "Scan to open this step on your phone", "ko": "휴대폰으로 스캔하면 이 단계가 열립니다"},
    "share.too_long": {
        "en": "This link is too long for a QR code: copy it from the sidebar, or open the page from the menu for "
              "a short one.",
        "ko": "이 링크는 QR 코드에 담기에 너무 깁니다. 사이드바에서 복사하거나, 메뉴에서 페이지를 열어 짧은 링크를 쓰세요.",
    },
    "share.enlarge": {"en": "Enlarge", "ko": "크게 보기"},
    "share.qr_alt": {"en": "QR code of the link to this step: {url}", "ko": "이 단계로 가는 링크의 QR 코드: {url}"},
    "share.note_operator": {"en": "The address the server's operator set for students.",
                            "ko": "서버 운영자가 학생용으로 정한 주소입니다."},
    "share.note_teacher": {"en": "The address you gave in the sidebar.", "ko": "사이드바에 입력한 주소입니다."},
    "share.note_network": {
        "en": "Students open {address}, this computer's address on its network: their phones must be on the same "
              "network (the school's Wi-Fi).",
        "ko": "학생들은 이 컴퓨터의 네트워크 주소 {address}로 접속합니다. 휴대폰이 같은 네트워크(학교 Wi-Fi)에 있어야 합니다.",
    },
    "share.loopback_only": {
        "en": "No QR code: this server accepts connections from this computer only (it was started with "
              "--server.address 127.0.0.1). Start it with --server.address 0.0.0.0, or give the address students "
              "open in the sidebar.",
        "ko": "QR 코드가 없습니다. 이 서버는 이 컴퓨터에서 오는 연결만 받습니다(--server.address 127.0.0.1로 시작됨). "
              "--server.address 0.0.0.0으로 시작하거나, 학생들이 여는 주소를 사이드바에 입력하세요.",
    },
    "share.no_address": {
        "en": "No QR code: this computer has no network address that students' phones could open. Give the address "
              "students open in the sidebar (or set {env} on the server).",
        "ko": "QR 코드가 없습니다. 학생 휴대폰이 열 수 있는 이 컴퓨터의 네트워크 주소를 찾지 못했습니다. 학생들이 여는 "
              "주소를 사이드바에 입력하세요(또는 서버에 {env}를 설정하세요).",
    },
    "share.container": {
        "en": "No QR code: the app runs in a container, whose own address students' phones cannot reach. Set {env} "
              "when you start it (for example -e {env}=http://192.168.0.10:8501, the host's address and port), or "
              "give the address students open in the sidebar.",
        "ko": "QR 코드가 없습니다. 앱이 컨테이너 안에서 실행 중이라 학생 휴대폰이 그 주소에 닿을 수 없습니다. 시작할 때 "
              "{env}를 설정하거나(예: -e {env}=http://192.168.0.10:8501, 호스트의 주소와 포트), 학생들이 여는 주소를 "
              "사이드바에 입력하세요.",
    },
    "share.teacher_address": {"en": "Address students open (optional)", "ko": "학생들이 여는 주소 (선택)"},
    "share.teacher_address_help": {
        "en": "For this session only: the app's address as students' phones reach it, e.g. through a school "
              "server or a proxy. The server's operator can set it for everyone with {env}.",
        "ko": "이 세션에만 적용됩니다. 학교 서버나 프록시를 거쳐 학생 휴대폰이 접속하는 앱의 주소입니다. 서버 운영자는 "
              "{env}로 모두에게 설정할 수 있습니다.",
    },
    "share.teacher_address_bad": {
        "en": "Not an address: type it as http://host:port or https://host (a path may follow).",
        "ko": "주소 형식이 아닙니다. http://호스트:포트 또는 https://호스트 형식으로 입력하세요(뒤에 경로를 붙여도 됩니다).",
    },
}
