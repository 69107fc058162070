#!/usr/bin/env python3
"""Check `kyndig analyze --stems` against Snowball's libstemmer called directly.

Every word of the bokmål and British English word lists goes through the binary's --stems
mode and through libstemmer.so.0d via ctypes; both must give the same stem for every line, with
exactly one output line per input line and no crash.

Both sides stem the same bytes: the word is folded as the analyzer folds it (KyndigText's
CaseFolding: U+2019 to an ASCII apostrophe, soft hyphen/ZWJ/ZWNJ/word joiner/BOM removed, NFKC,
then each code point lower-cased on its own) and stemmed as a whole, without tokenising and
without stop-word removal. The word lists are read in their own encoding (Debian's bokmaal is
ISO-8859-1) and fed as UTF-8. A second pass feeds the raw bytes of each list (invalid UTF-8
for bokmaal) and checks only that the binary answers one line per line.

A third pass feeds awkward lines (empty, apostrophes, capitals, ligatures, combining accents,
full-width letters, NUL, emoji, a 100,000-letter word) through the same comparison.

Usage: check-stems.py COMMAND...   e.g. check-stems.py .build/release/kyndig analyze
       (or KYNDIG_ANALYZE="path/kyndig analyze"); the command is run with --lang nb|en --stems.
Exit status: 0 when all stems match, 1 on any mismatch or line-count difference, 2 on setup
errors.
"""

import ctypes
import os
import shlex
import subprocess
import sys
import unicodedata

WORD_LISTS = [
    ("nb", "norwegian", "/usr/share/dict/bokmaal"),
    ("en", "english", "/usr/share/dict/british-english"),
]
IGNORABLES = {0x00AD: None, 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None, 0x2019: "'"}


def fold(word):
    """KyndigText's CaseFolding.fold."""
    normalized = unicodedata.normalize("NFKC", word.translate(IGNORABLES))
    return "".join(ch.lower() for ch in normalized)


class Stemmer:
    def __init__(self, library, algorithm):
        self.lib = library
        self.handle = library.sb_stemmer_new(algorithm.encode(), b"UTF_8")
        if not self.handle:
            sys.exit(f"check-stems: libstemmer has no '{algorithm}' stemmer. Install libstemmer0d.")

    def stem(self, data):
        result = self.lib.sb_stemmer_stem(self.handle, data, len(data))
        if not result:
            raise MemoryError("sb_stemmer_stem returned NULL")
        return ctypes.string_at(result, self.lib.sb_stemmer_length(self.handle))


def load_libstemmer():
    try:
        library = ctypes.CDLL("libstemmer.so.0d")
    except OSError:
        sys.exit("check-stems: cannot load libstemmer.so.0d. Install it: apt-get install libstemmer0d")
    library.sb_stemmer_new.restype = ctypes.c_void_p
    library.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    library.sb_stemmer_stem.restype = ctypes.c_void_p
    library.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    library.sb_stemmer_length.restype = ctypes.c_int
    library.sb_stemmer_length.argtypes = [ctypes.c_void_p]
    return library


def split_lines(data):
    """Lines as the binary reads them: split on LF, no empty last line, one trailing CR dropped."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def run_binary(command, language, data):
    result = subprocess.run(command + ["--lang", language, "--stems"], input=data, capture_output=True)
    if result.returncode != 0:
        print(f"  binary exited with status {result.returncode}: {result.stderr.decode(errors='replace')[:500]}")
        return None
    return split_lines(result.stdout)


def check(command, library, language, algorithm, path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
        encoding = "UTF-8"
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        encoding = "ISO-8859-1"
    words = [line.decode("utf-8") for line in split_lines(text.encode("utf-8"))]
    stemmer = Stemmer(library, algorithm)
    expected = [stemmer.stem(fold(word).encode("utf-8")) for word in words]
    print(f"{path} ({encoding}, {algorithm}): {len(words)} words")

    failures = 0
    actual = run_binary(command, language, text.encode("utf-8"))
    if actual is None:
        return 1
    if len(actual) != len(words):
        print(f"  line count differs: {len(words)} words in, {len(actual)} stems out")
        failures += 1
    mismatches = [(w, e, a) for w, e, a in zip(words, expected, actual) if e != a]
    print(f"  compared {min(len(words), len(actual))} stems, {len(mismatches)} mismatches")
    for word, want, got in mismatches[:20]:
        print(f"    {word!r}: libstemmer {want.decode(errors='replace')!r}, analyze {got.decode(errors='replace')!r}")
    failures += len(mismatches)

    raw_lines = split_lines(raw)
    raw_out = run_binary(command, language, raw)
    if raw_out is None:
        return failures + 1
    print(f"  raw bytes fed as is: {len(raw_lines)} lines in, {len(raw_out)} lines out")
    if len(raw_out) != len(raw_lines):
        failures += 1
    return failures


AWKWARD_WORDS = [
    "", " ", "Aaron's", "O\u2019Neill", "'tis", "''", "ÆØÅ", "Ærbødigst", "naïve", "straße",
    "STRASSE", "\uff26\uff55\uff4c\uff4c", "\ufb01nancial", "e\u0301tude", "\u0301", "İstanbul",
    "\u01c5emal", "½", "²", "soft\u00adhyphen", "zero\u200dwidth", "ki-forordningen", "26(2)",
    "2024/1689", "\U0001F600", "a\x00b", "tab\there", "x" * 100_000, "forordningene", "validation",
]


def check_awkward(command, library):
    data = "\n".join(AWKWARD_WORDS).encode("utf-8") + b"\n"
    failures = 0
    for language, algorithm, _ in WORD_LISTS:
        stemmer = Stemmer(library, algorithm)
        expected = [stemmer.stem(fold(word).encode("utf-8")) for word in AWKWARD_WORDS]
        actual = run_binary(command, language, data)
        if actual is None:
            failures += 1
            continue
        mismatches = [(w, e, a) for w, e, a in zip(AWKWARD_WORDS, expected, actual) if e != a]
        print(f"awkward lines ({algorithm}): {len(AWKWARD_WORDS)} in, {len(actual)} out, {len(mismatches)} mismatches")
        for word, want, got in mismatches[:20]:
            print(f"    {word[:40]!r}: libstemmer {want[:40]!r}, analyze {got[:40]!r}")
        failures += len(mismatches) + (len(actual) != len(AWKWARD_WORDS))
    return failures


def main():
    command = sys.argv[1:] or shlex.split(os.environ.get("KYNDIG_ANALYZE", ""))
    if not command:
        sys.exit("usage: check-stems.py COMMAND... (e.g. .build/release/kyndig analyze), or set KYNDIG_ANALYZE")
    library = load_libstemmer()
    failures = 0
    for language, algorithm, path in WORD_LISTS:
        if not os.path.exists(path):
            print(f"check-stems: {path} is missing. Install wnorwegian and wbritish.", file=sys.stderr)
            return 2
        failures += check(command, library, language, algorithm, path)
    failures += check_awkward(command, library)
    print("check-stems: OK, 0 mismatches" if failures == 0 else f"check-stems: FAILED, {failures} problems")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
