"""A live class (ui/live.py): the teacher's projector, the students' phones."""

TEXT = {
    "live.start": {"en": "Start a live class", "ko": "실시간 수업 시작"},
    "live.start_help": {
        "en": "Students who scan the class's code follow you: page, step and scene, and answer the questions "
              "on their phones.",
        "ko": "수업 코드를 스캔한 학생들이 선생님을 따라옵니다. 페이지, 단계, 장면이 함께 바뀌고, 질문에는 휴대폰으로 답합니다.",
    },
    "live.code": {"en": "Live class · code **{code}**", "ko": "실시간 수업 · 코드 **{code}**"},
    "live.code_label": {"en": "Live class · code to join:", "ko": "실시간 수업 · 참여 코드:"},
    "live.code_label_compact": {"en": "Scan, or type in the menu:", "ko": "스캔하거나 메뉴에 입력:"},
    "live.scan": {"en": "Scan to join, or type the code in the app's menu",
                  "ko": "스캔하거나 앱 메뉴에 코드를 입력해 참여하세요"},
    "live.qr_alt": {"en": "QR code of the link to join the live class: {url}",
                    "ko": "실시간 수업에 들어오는 링크의 QR 코드: {url}"},
    "live.end": {"en": "End the class", "ko": "수업 끝내기"},
    "live.teacher_link": {"en": "Your teacher's link (keep it private)", "ko": "선생님 전용 링크 (공개하지 마세요)"},
    "live.teacher_link_help": {
        "en": "Opens this class with your controls again, e.g. after a reconnect or in a new tab. Anyone who has "
              "it can move the class: never show it on the projector or send it to students.",
        "ko": "연결이 끊긴 뒤나 새 탭에서 이 수업을 선생님 권한으로 다시 엽니다. 이 링크가 있으면 누구나 수업을 움직일 수 "
              "있으니, 프로젝터에 띄우거나 학생에게 보내지 마세요.",
    },
    "live.answers": {"en": "Answers so far: {n}", "ko": "지금까지 답한 학생: {n}명"},
    "live.answers_final": {"en": "The room's answers: {n}", "ko": "교실의 답: {n}명"},
    "live.chart_alt": {"en": "The room's answers: {counts}", "ko": "교실의 답: {counts}"},
    "live.chart_title": {"en": "Answers", "ko": "답"},
    "live.your_answer": {"en": "Your answer (you can change it until the teacher shows the answer)",
                         "ko": "내 답 (선생님이 답을 보여 주기 전까지 바꿀 수 있습니다)"},
    "live.answer_closed": {"en": "Your answer", "ko": "내 답"},
    "live.no_answer": {"en": "You did not answer this question.", "ko": "이 질문에 답하지 않았습니다."},
    "live.too_late": {"en": "The teacher has already shown the answer: answers are closed.",
                      "ko": "선생님이 이미 답을 보여 주어 답을 받지 않습니다."},
    "live.too_fast": {"en": "Answers are coming too fast: wait two seconds and tap again. Your last answer counts.",
                      "ko": "답을 너무 빨리 바꾸고 있습니다. 2초 뒤에 다시 눌러 주세요. 마지막으로 받은 답이 그대로 세어집니다."},
    "live.following": {"en": "Following the teacher · class {code}", "ko": "선생님을 따라가는 중 · 수업 {code}"},
    "live.exploring": {"en": "You are exploring on your own. The teacher is on {where}.",
                       "ko": "혼자 탐색하는 중입니다. 선생님은 지금 {where}에 있습니다."},
    "live.where": {"en": "step {step} of “{page}”", "ko": "“{page}”의 {step}단계"},
    "live.back": {"en": "Back to the teacher", "ko": "선생님에게 돌아가기"},
    "settings.following": {"en": "You are following the teacher: each step sets these settings for you.",
                           "ko": "선생님을 따라가는 중입니다. 단계마다 설정이 자동으로 바뀝니다."},
    "live.slide_only": {"en": "While you follow the teacher, your screen shows the step's chart and story.",
                        "ko": "선생님을 따라가는 동안에는 이 단계의 차트와 설명만 보입니다."},
    "live.whole_page": {"en": "Show the whole page", "ko": "페이지 전체 보기"},
    "settings.explore": {"en": "Change the settings myself", "ko": "설정 직접 바꾸기"},
    "live.no_room": {
        "en": "There is no live class with the code {code}: it may have ended (a class closes 4 hours after the "
              "teacher's last step). Check the code on the projector.",
        "ko": "코드 {code}의 실시간 수업이 없습니다. 수업이 끝났을 수 있습니다(선생님의 마지막 조작 후 4시간이 지나면 "
              "닫힙니다). 프로젝터의 코드를 확인하세요.",
    },
    "live.not_teacher": {
        "en": "This teacher's link is not valid for class {code}: you follow it as a student.",
        "ko": "이 선생님 링크는 수업 {code}에 맞지 않습니다. 학생으로 따라갑니다.",
    },
    "live.ended": {"en": "The live class has ended. The app goes on as usual.",
                   "ko": "실시간 수업이 끝났습니다. 앱은 평소처럼 계속 쓸 수 있습니다."},
    "live.unavailable": {
        "en": "Live classes are unavailable right now: the server cannot reach its store. The app goes on as usual.",
        "ko": "지금은 실시간 수업을 쓸 수 없습니다. 서버가 저장소에 연결하지 못했습니다. 앱은 평소처럼 쓸 수 있습니다.",
    },
    "live.join": {"en": "Join a live class", "ko": "실시간 수업 참여"},
    "live.join_code": {"en": "Class code", "ko": "수업 코드"},
    "live.join_button": {"en": "Join", "ko": "참여"},
}
