"""Languages archwise counts: how a file is recognised and how its comments and strings look."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

# String literal forms, by the delimiter that opens them; each regex matches a whole literal
# (an unterminated one runs to the end of the line, as compilers report it).
_DQ = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"?'
_SQ = r"'[^'\\\n]*(?:\\.[^'\\\n]*)*'?"
_BT = r"`[^`\\]*(?:\\.[^`\\]*)*`?"
# unrolled loops ("normal* (special normal*)*") rather than lazy dots: far fewer steps per char
_TRIPLE_DQ = r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:"""|\Z)'
_TRIPLE_SQ = r"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*(?:'''|\Z)"
_RUST_RAW = r'r#*"(?s:.)*?"#*'
_GO_RAW = r"`[^`]*`?"
# the character each string form starts with, so one look-ahead skips text that cannot start one
_FIRST = {
    _DQ: '"',
    _SQ: "'",
    _BT: "`",
    _TRIPLE_DQ: '"',
    _TRIPLE_SQ: "'",
    _RUST_RAW: "r",
    _GO_RAW: "`",
}


@dataclass(frozen=True)
class Language:
    """A language: file names that identify it and its comment and string syntax."""

    name: str
    extensions: tuple[str, ...] = ()
    filenames: tuple[str, ...] = ()
    line_comments: tuple[str, ...] = ()
    block_comments: tuple[tuple[str, str], ...] = ()
    strings: tuple[str, ...] = (_DQ, _SQ)
    docstrings: bool = False
    # regexes counting type declarations: all of them, and the abstract ones among them
    types: str | None = None
    abstract_types: str | None = None
    # branch tokens, counted as written (outside comments) for a cheap complexity measure
    branches: tuple[str, ...] = ()


_C_BRANCHES = ("if ", "if(", "for ", "for(", "while ", "while(", "case ", "catch", "&&", "||", "? ")
_C_LIKE = {"line_comments": ("//",), "block_comments": (("/*", "*/"),)}

LANGUAGES: tuple[Language, ...] = (
    Language(
        "Python",
        (".py", ".pyi", ".pyw"),
        line_comments=("#",),
        strings=(_TRIPLE_DQ, _TRIPLE_SQ, _DQ, _SQ),
        docstrings=True,
        types=r"\n[ \t]*class[ \t]+\w+",
        abstract_types=(
            r"\n[ \t]*class[ \t]+\w+[ \t]*\([^)]*"
            r"\b(?:ABC|ABCMeta|Protocol|Interface)\b[^)]*\)"
        ),
        branches=("if ", "for ", "while ", "except", "case ", " and ", " or "),
    ),
    Language(
        "JavaScript",
        (".js", ".jsx", ".mjs", ".cjs"),
        strings=(_DQ, _SQ, _BT),
        types=r"\n[ \t]*(?:export[ \t]+)?(?:default[ \t]+)?class[ \t]+\w+",
        branches=_C_BRANCHES,
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "TypeScript",
        (".ts", ".tsx", ".mts", ".cts"),
        strings=(_DQ, _SQ, _BT),
        types=(
            r"\n[ \t]*(?:export[ \t]+)?(?:default[ \t]+)?(?:declare[ \t]+)?"
            r"(?:abstract[ \t]+)?(?:class|interface)[ \t]+\w+"
        ),
        abstract_types=(
            r"\n[ \t]*(?:export[ \t]+)?(?:default[ \t]+)?(?:declare[ \t]+)?"
            r"(?:abstract[ \t]+class|interface)[ \t]+\w+"
        ),
        branches=_C_BRANCHES,
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "Go",
        (".go",),
        strings=(_DQ, _SQ, _GO_RAW),
        types=r"\n[ \t]*type[ \t]+\w+(?:\[[^\]]*\])?[ \t]+(?:struct|interface)\b",
        abstract_types=r"\n[ \t]*type[ \t]+\w+(?:\[[^\]]*\])?[ \t]+interface\b",
        branches=("if ", "for ", "case ", "select ", "&&", "||"),
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "Rust",
        (".rs",),
        strings=(_RUST_RAW, _DQ),
        types=r"\n[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?:struct|enum|trait|union)[ \t]+\w+",
        abstract_types=r"\n[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?:unsafe[ \t]+)?trait[ \t]+\w+",
        branches=("if ", "for ", "while ", "loop ", "=>", "&&", "||", "?;", "?)", "?."),
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "Java",
        (".java",),
        types=r"\b(?:class|interface|enum|record)[ \t]+\w+",
        abstract_types=r"\b(?:abstract[ \t]+class|interface)[ \t]+\w+",
        branches=_C_BRANCHES,
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "Kotlin",
        (".kt", ".kts"),
        strings=(_TRIPLE_DQ, _DQ, _SQ),
        types=r"\b(?:class|interface|object)[ \t]+\w+",
        abstract_types=r"\b(?:abstract[ \t]+class|interface|sealed[ \t]+class)[ \t]+\w+",
        branches=(
            "if ",
            "if(",
            "for ",
            "for(",
            "while ",
            "while(",
            "when",
            "catch",
            "&&",
            "||",
            "?:",
        ),
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "C",
        (".c", ".h"),
        types=r"\n[ \t]*(?:typedef[ \t]+)?struct[ \t]+\w+[ \t]*\{",
        branches=_C_BRANCHES,
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "C++",
        (".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".ipp"),
        types=r"\n[ \t]*(?:class|struct)[ \t]+\w+[^;]*\{",
        branches=_C_BRANCHES,
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language(
        "C#",
        (".cs",),
        types=r"\b(?:class|interface|struct|record)[ \t]+\w+",
        abstract_types=r"\b(?:abstract[ \t]+class|interface)[ \t]+\w+",
        branches=_C_BRANCHES,
        **_C_LIKE,  # type: ignore[arg-type]
    ),
    Language("Swift", (".swift",), strings=(_TRIPLE_DQ, _DQ), **_C_LIKE),  # type: ignore[arg-type]
    Language("Scala", (".scala", ".sc"), strings=(_TRIPLE_DQ, _DQ), **_C_LIKE),  # type: ignore[arg-type]
    Language(
        "Ruby",
        (".rb", ".rake", ".gemspec"),
        filenames=("Gemfile", "Rakefile"),
        line_comments=("#",),
        block_comments=(("=begin", "=end"),),
        types=r"\n[ \t]*(?:class|module)[ \t]+\w+",
        branches=("if ", "unless ", "while ", "until ", "when ", "rescue", "&&", "||"),
    ),
    Language(
        "PHP",
        (".php",),
        line_comments=("//", "#"),
        block_comments=(("/*", "*/"),),
        types=r"\b(?:class|interface|trait)[ \t]+\w+",
        abstract_types=r"\b(?:abstract[ \t]+class|interface)[ \t]+\w+",
        branches=_C_BRANCHES,
    ),
    Language(
        "Shell",
        (".sh", ".bash", ".zsh", ".ksh"),
        line_comments=("#",),
        branches=("if ", "for ", "while ", "case ", "&&", "||"),
    ),
    Language("PowerShell", (".ps1", ".psm1"), line_comments=("#",), block_comments=(("<#", "#>"),)),
    Language("Lua", (".lua",), line_comments=("--",), block_comments=(("--[[", "]]"),)),
    Language("Perl", (".pl", ".pm"), line_comments=("#",)),
    Language("R", (".r", ".R"), line_comments=("#",)),
    Language("Dart", (".dart",), **_C_LIKE),  # type: ignore[arg-type]
    Language("Elixir", (".ex", ".exs"), line_comments=("#",), strings=(_TRIPLE_DQ, _DQ)),
    Language("Erlang", (".erl", ".hrl"), line_comments=("%",), strings=(_DQ,)),
    Language("Haskell", (".hs",), line_comments=("--",), block_comments=(("{-", "-}"),)),
    Language("Clojure", (".clj", ".cljs", ".cljc", ".edn"), line_comments=(";",), strings=(_DQ,)),
    Language("Zig", (".zig",), line_comments=("//",), strings=(_DQ,)),
    Language("YAML", (".yaml", ".yml"), line_comments=("#",)),
    Language("TOML", (".toml",), line_comments=("#",)),
    Language("JSON", (".json",), strings=(_DQ,)),
    Language("INI", (".ini", ".cfg"), line_comments=(";", "#"), strings=()),
    Language(
        "SQL",
        (".sql",),
        line_comments=("--",),
        block_comments=(("/*", "*/"),),
        strings=(_SQ, _DQ),
    ),
    Language("HTML", (".html", ".htm", ".xhtml"), block_comments=(("<!--", "-->"),), strings=()),
    Language(
        "Template",
        (
            *(".jinja", ".jinja2", ".j2", ".hbs", ".mustache", ".ejs", ".erb"),
            *(".heex", ".eex", ".leex", ".twig", ".gohtml", ".njk", ".liquid", ".blade.php"),
        ),
        block_comments=(("<!--", "-->"), ("{#", "#}")),
        strings=(),
    ),
    Language("Vue", (".vue",), block_comments=(("<!--", "-->"), ("/*", "*/")), strings=(_DQ, _SQ)),
    Language("Svelte", (".svelte",), block_comments=(("<!--", "-->"), ("/*", "*/"))),
    Language(
        "XML",
        (".xml", ".xsd", ".xsl", ".svg", ".csproj", ".fsproj", ".vbproj"),
        block_comments=(("<!--", "-->"),),
        strings=(),
    ),
    Language("CSS", (".css",), block_comments=(("/*", "*/"),)),
    Language("SCSS", (".scss", ".sass", ".less"), **_C_LIKE),  # type: ignore[arg-type]
    Language("Markdown", (".md", ".markdown", ".mdx"), strings=()),
    Language("reStructuredText", (".rst",), strings=()),
    Language("Protocol Buffers", (".proto",), **_C_LIKE),  # type: ignore[arg-type]
    Language("GraphQL", (".graphql", ".gql"), line_comments=("#",), strings=(_TRIPLE_DQ, _DQ)),
    Language(
        "Terraform",
        (".tf", ".tfvars", ".hcl"),
        line_comments=("#", "//"),
        block_comments=(("/*", "*/"),),
        strings=(_DQ,),
    ),
    Language(
        "Dockerfile",
        (".dockerfile",),
        filenames=("Dockerfile", "Containerfile"),
        line_comments=("#",),
        strings=(),
    ),
    Language(
        "Makefile",
        (".mk",),
        filenames=("Makefile", "GNUmakefile", "makefile"),
        line_comments=("#",),
        strings=(),
    ),
    Language("CMake", (".cmake",), filenames=("CMakeLists.txt",), line_comments=("#",)),
    Language("Groovy", (".groovy", ".gradle"), filenames=("Jenkinsfile",), **_C_LIKE),  # type: ignore[arg-type]
    Language("Batch", (".bat", ".cmd"), line_comments=("REM ", "rem ", "::"), strings=()),
)

BY_EXTENSION: dict[str, Language] = {e.lower(): lang for lang in LANGUAGES for e in lang.extensions}
BY_FILENAME: dict[str, Language] = {n: lang for lang in LANGUAGES for n in lang.filenames}
BY_NAME: dict[str, Language] = {lang.name: lang for lang in LANGUAGES}


@lru_cache(maxsize=8192)
def language_for(name: str) -> Language | None:
    """Return the language of a file name (not a path), or None when archwise does not count it."""
    lang = BY_FILENAME.get(name)
    if lang is not None:
        return lang
    if name.startswith("Dockerfile") or name.endswith(".Dockerfile"):
        return BY_NAME["Dockerfile"]
    ext = extension_of(name)
    return BY_EXTENSION.get(ext) if ext else None


# extensions of two parts that name another language than their last part (a Blade template)
COMPOUND_EXTENSIONS = (".blade.php",)


def extension_of(name: str) -> str:
    """The lower-case extension of a file name ('' without one); `.blade.php` is one extension."""
    lower = name.lower()
    for ext in COMPOUND_EXTENSIONS:
        if lower.endswith(ext) and len(lower) > len(ext):
            return ext
    dot = lower.rfind(".")
    return lower[dot:] if dot > 0 else ""


@cache
def token_regex(lang: Language) -> re.Pattern[str]:
    """A regex whose matches end at each comment (group `c...`) or docstring (group `d...`).

    Code and string literals before it are consumed by a possessive loop, so the regex engine
    never backtracks and Python sees one match per comment, not one per string.
    """
    comments: list[str] = []
    for start, end in lang.block_comments:
        first, rest = re.escape(end[0]), re.escape(end[1:])
        body = f"[^{first}]*(?:{first}(?!{rest})[^{first}]*)*" if rest else f"[^{first}]*"
        comments.append(f"(?P<c{len(comments)}>{re.escape(start)}{body}(?:{re.escape(end)}|\\Z))")
    for marker in lang.line_comments:
        comments.append(f"(?P<c{len(comments)}>{re.escape(marker)}[^\\n]*)")
    docs: list[str] = []
    skip: list[str] = []
    for s in lang.strings:
        if lang.docstrings and s in (_TRIPLE_DQ, _TRIPLE_SQ):
            docs.append(f"(?P<d{len(docs)}>{s})")
        elif lang.docstrings and s in (_DQ, _SQ):
            q = s[0]
            skip.append(f"{q}(?!{q}{q}){s[1:]}")  # a triple quote opens a docstring instead
        else:
            skip.append(s)
    markers = [m for m, _ in lang.block_comments] + list(lang.line_comments)
    firsts = {m[0] for m in markers} | {_FIRST[s] for s in lang.strings}
    for ch in sorted({m[0] for m in markers}):
        rests = [m[1:] for m in markers if m[0] == ch]
        if all(rests):  # the character only sometimes starts a comment
            skip.append(f"{re.escape(ch)}(?!{'|'.join(re.escape(r) for r in rests)})")
    for ch in sorted({_FIRST[s] for s in lang.strings} - {m[0] for m in markers}):
        if ch == "r":
            skip.append(r'r(?!#*")')
    plain = "".join(re.escape(c) for c in sorted(firsts | {"\\"}))
    loop = "|".join([f"[^{plain}]++", r"\\(?s:.)?", *skip])
    ends = "|".join([*comments, *docs, r"\Z"])
    return re.compile(f"(?:{loop})*+(?:{ends})")


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A compiled, cached regex."""
    return re.compile(pattern)
