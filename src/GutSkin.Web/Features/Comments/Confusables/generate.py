#!/usr/bin/python3
"""Writes skeletons.txt, the look-alike table the comment blocklist matches with (Blocklist.Fold).

The data is ICU's own copy of Unicode's confusables (UTS #39, confusables.txt), read through ICU's
SpoofChecker: for every assigned code point, its skeleton. Kept are only the code points the app can meet
at that step of folding: those NFD and NFKC leave alone (the app applies NFKC and NFD first, so full-width
letters, mathematical alphanumerics and precomposed letters never reach the table) and that are not format
characters (category Cf, removed beforehand). Default-ignorable code points that are not Cf (Hangul fillers,
variation selectors, ...) are listed alone: the app removes them.

Run with Debian's python3-icu (apt-get install python3-icu), from this folder:
    /usr/bin/python3 generate.py > skeletons.txt
"""
import sys

import icu

NFD = icu.Normalizer2.getNFDInstance()
NFKC = icu.Normalizer2.getNFKCInstance()
SPOOF = icu.SpoofChecker()
UNASSIGNED = {icu.UCharCategory.UNASSIGNED, icu.UCharCategory.PRIVATE_USE_CHAR, icu.UCharCategory.SURROGATE}


def codes(text):
    """Hex code points of a string, astral characters as one code each."""
    return " ".join(f"{ord(c):04X}" for c in text)


def main():
    out = sys.stdout
    out.write(f"# Confusable skeletons (UTS #39) from ICU {icu.ICU_VERSION}, Unicode {icu.UNICODE_VERSION}: written by generate.py, do not edit.\n")
    out.write("# SOURCE TARGET...: a code point and its skeleton; SOURCE alone: a default-ignorable code point, removed.\n")
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF or icu.Char.charType(cp) in UNASSIGNED:
            continue
        ch = chr(cp)
        if NFD.normalize(ch) != ch or NFKC.normalize(ch) != ch or icu.Char.charType(cp) == icu.UCharCategory.FORMAT_CHAR:
            continue
        if icu.Char.hasBinaryProperty(cp, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT):
            out.write(f"{cp:04X}\n")
            continue
        skeleton = SPOOF.getSkeleton(0, ch)
        if skeleton != ch:
            out.write(f"{cp:04X} {codes(skeleton)}\n")


if __name__ == "__main__":
    main()
