"""Hostile strings: every text field must store them as typed (or refuse them clearly) and
every screen and format must show them as text."""

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=2>",
    "<svg/onload=window.__pwned=3>",
    '"><script>window.__pwned=4</script>',
    "'; DROP TABLE events; --",
    "Robert'); DELETE FROM tokens WHERE ('1'='1",
    "{{7*7}} {% raw %}{{ config }}{% endraw %}",
    "${7*7} #{7*7} %s %d %n %x {0} {}",
    "javascript:window.__pwned=5",
    '<a href="javascript:window.__pwned=6">click</a>',
    "<iframe src=//evil.example></iframe>",
    "<style>body{display:none}</style>",
    "&lt;script&gt; already escaped &amp; twice &amp;amp;",
    "\u202eevil right-to-left override\u202c",
    "\u200b\u200c\u200d zero width \ufeff",
    "مرحبا بالعالم — Arabic right to left",
    "עברית מימין לשמאל",
    "Łucja Wójcik, Ioana Șerban, Олена, 王小明",
    "emoji 👩‍👧‍👦 🏳️‍🌈 family",
    "Z̸̡̛a̵̛͔l̴̨̛g̷̛̫o̴̢̕ text",
    "*bold* _it_ `code` [link](http://evil.example) # heading",
    "| table | injection |\n|---|---|",
    "line one\nline two\ttabbed",
    "\\x00 not a real null, just backslash text",
    "%00 percent-encoded null",
    "../../etc/passwd",
    "C:\\Windows\\system32",
    "<!-- comment --> <![CDATA[x]]>",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY y SYSTEM 'file:///etc/passwd'>]><x>&y;</x>",
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1,2) -2+3 @cmd",
    "x" * 10_000,
    "real\x00null byte",
    "bell\x07and escape\x1b[31mred",
    "carriage\rreturn",
]


def refused(text: str, limit: int) -> bool:
    """What the rules say should happen to this text in a field of this length limit."""
    stripped = text.strip()
    if not stripped or len(stripped) > limit:
        return True
    return any(ord(ch) < 32 and ch not in "\n\t" or ord(ch) == 127 for ch in stripped)
