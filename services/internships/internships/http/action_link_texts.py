"""The words of the action link pages, in English and Simplified Chinese, and the choice between them by the
browser's Accept-Language (the first language it names with a nonzero q that we have; English otherwise)."""

from __future__ import annotations

EN = {
    "lang": "en",
    "title": "Praxis",
    "approve_week": "Approve a logbook week",
    "attest_week": "Attest a week's attendance",
    "student": "Student",
    "position": "Position",
    "week": "Week of",
    "duty": "Duty",
    "hours": "Hours",
    "total": "Total",
    "day": "Day",
    "status": "Status",
    "check_in": "In",
    "check_out": "Out",
    "comment": "Comment (required to return the week)",
    "approve": "Approve",
    "return": "Return with comment",
    "attest": "Attest",
    "no_days": "No days are recorded for this week.",
    "week_is": "This week is {status}; there is nothing to do here.",
    "attested_already": "This week's attendance is attested already; there is nothing to do here.",
    "approved": "The week is approved. Thank you.",
    "returned": "The week is returned to the student with your comment.",
    "attested": "The week's attendance is attested. Thank you.",
    "used": "This link has been used already.",
    "used_detail": "Each link works once. To change anything, sign in to Praxis.",
    "expired": "This link has expired.",
    "expired_detail": "Ask for a new one, or sign in to Praxis.",
    "invalid": "This link is not valid.",
    "invalid_detail": "It may be incomplete: open it from the e-mail again, or sign in to Praxis.",
    "not_mentor": "You are no longer this placement's mentor.",
    "refused": "This could not be done.",
    "unavailable": "Action links are not available on this server.",
}

ZH_CN = {
    "lang": "zh-CN",
    "title": "Praxis",
    "approve_week": "审核实习周志",
    "attest_week": "确认本周出勤",
    "student": "学生",
    "position": "岗位",
    "week": "周起始日",
    "duty": "工作内容",
    "hours": "小时",
    "total": "合计",
    "day": "日期",
    "status": "状态",
    "check_in": "签到",
    "check_out": "签退",
    "comment": "意见（退回时必填）",
    "approve": "通过",
    "return": "退回并附意见",
    "attest": "确认出勤",
    "no_days": "本周没有出勤记录。",
    "week_is": "本周志当前状态为 {status}，无需操作。",
    "attested_already": "本周出勤已确认，无需操作。",
    "approved": "本周志已通过，谢谢。",
    "returned": "本周志已退回学生，并附上您的意见。",
    "attested": "本周出勤已确认，谢谢。",
    "used": "此链接已被使用。",
    "used_detail": "每个链接只能使用一次。如需修改，请登录 Praxis。",
    "expired": "此链接已过期。",
    "expired_detail": "请索取新的链接，或登录 Praxis。",
    "invalid": "此链接无效。",
    "invalid_detail": "链接可能不完整：请从邮件中重新打开，或登录 Praxis。",
    "not_mentor": "您已不再是此实习的企业导师。",
    "refused": "无法完成此操作。",
    "unavailable": "此服务器未启用操作链接。",
}


def texts_for(accept_language: str | None) -> dict[str, str]:
    """zh-CN for a browser that prefers Chinese (zh, zh-CN, zh-Hans…), English otherwise."""
    ranked = []
    for i, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and tag:
            ranked.append((-q, i, tag.lower()))
    for _, _, tag in sorted(ranked):
        if tag.startswith("zh"):
            return ZH_CN
        if tag.startswith("en"):
            return EN
    return EN
