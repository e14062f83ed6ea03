"""The XSS payload table: each payload, if it ever ran, would set ``window.__xss``.

Pure data (no Django). ``injected(html)`` finds what a payload would have made of a
server-rendered page: an element with an ``on*`` handler that mentions ``__xss``, a
``<script>`` whose code is the payload's, a ``javascript:`` address in a link, a form
action or a frame, or a template tag that was evaluated (``14z9z``).
"""

import lxml.html

XSS = {
    "script": "<script>window.__xss=1</script>",
    "img-onerror": '"><img src=x onerror="window.__xss=2">',
    "attr-breaker": "' onmouseover='window.__xss=3' x='",
    "dq-attr-breaker": '" autofocus onfocus="window.__xss=4" x="',
    "svg-onload": "<svg/onload=window.__xss=5>",
    "script-close": "</script><script>window.__xss=6</script>",
    "textarea-close": "</textarea><img src=x onerror=window.__xss=7>",
    "title-close": "</title><img src=x onerror=window.__xss=8>",
    "js-template": "`${window.__xss=9}`${7*7}z9z",
    "django-template": "{{ 7|add:7 }}z9z{% now 'Y' %}",
    "jinja": "{{ 7*7 }}z9z{# c #}{% if 1 %}x{% endif %}",
    "js-string": "';window.__xss=10;//\\';window.__xss=11;//",
    "rtl-override": "\u202e<img src=x onerror=window.__xss=12>gpj.exe",
    "iframe": '<iframe src="javascript:window.__xss=13"></iframe>',
    "entity": "&lt;img src=x onerror=window.__xss=14&gt;",
}
JS_URL = "javascript:window.__xss=15"
# What an evaluated template payload would leave ("{{ 7|add:7 }}z9z" -> "14z9z", "${7*7}z9z" -> "49z9z").
EVALUATED = ("14z9z", "49z9z")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


def injected(html: str) -> list[str]:
    """What in a page a payload made (empty when every payload stayed text)."""
    found = [marker for marker in EVALUATED if marker in html]
    if not html.strip():
        return found
    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on") and "__xss" in value:
                found.append(f"<{element.tag} {name}={value!r}>")
            if name.lower() in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag == "script" and (element.text or "").strip().startswith("window.__xss"):
            found.append(f"<script>{element.text}</script>")
    return found
