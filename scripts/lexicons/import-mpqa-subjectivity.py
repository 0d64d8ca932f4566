#!/usr/bin/env python3
"""Writes lexicons/sentiment/mpqa-subjectivity.tsv from the MPQA Subjectivity Lexicon.

The lexicon (Wilson, Wiebe & Hoffmann, "Recognizing Contextual Polarity in Phrase-Level Sentiment
Analysis", HLT/EMNLP 2005; file subjclueslen1-HLTEMNLP05.tff, distributed by the MPQA project under the
GNU General Public License) is read from the copy inside the labMTsimple 2.8.8 source archive on PyPI,
which this script downloads with pip. Its entries were judged by hand: each has a prior polarity and a
strength ("strongsubj" or "weaksubj"). The file written here is a third general lexicon for ccgtext: the
rules read it only for words VADER and Pattern both lack (editorial words such as "barbaric", "tyranny",
"tawdry"), so it is written without the words those files and the rules already have.

Each line is word<TAB>value, value being ±2 for a strong clue and ±1 for a weak one (scaled in
rules.en.json). Kept:
- positive or negative prior polarity (not "neutral" or "both"), and one sign across every entry of the
  word (MPQA lists some words once per part of speech);
- words with at most MAX_SENSES senses in WordNet 3.0 (Debian's wordnet-base, all parts of speech): the
  prior polarity of a word with many senses ("game", "will", "black", "star") is mostly wrong in a given
  sentence, and such words made neutral tweets polar on TweetEval's validation split;
- for entries MPQA marks as matching any inflection (stemmed1=y), the plural and verb forms as well
  (WordNet's exception lists for irregular ones), when no other entry or lexicon has that form.

Run it again to check the file: the output is deterministic (sorted).

Usage: python3 scripts/lexicons/import-mpqa-subjectivity.py [OUTPUT]
"""
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

LABMT_SIMPLE = "labMTsimple==2.8.8"
MEMBER = "labMTsimple/data/MPQA/subjectivity_clues_hltemnlp05/subjclueslen1-HLTEMNLP05.tff"
WORDNET = Path("/usr/share/wordnet")
MAX_SENSES = 4
STRENGTH = {"strongsubj": 2, "weaksubj": 1}
WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")


def main():
    root = Path(__file__).resolve().parents[2]
    output = Path(sys.argv[1] if len(sys.argv) > 1 else root / "lexicons/sentiment/mpqa-subjectivity.tsv")
    clues = read_clues()
    senses = wordnet_senses()
    irregular = wordnet_exceptions()
    taken = words_already_scored(root / "lexicons")

    values = defaultdict(set)  # word -> values of its entries
    inflections = defaultdict(set)  # inflected form -> values of the entries it comes from
    for clue in clues:
        polarity = clue.get("priorpolarity")
        if polarity not in ("positive", "negative"):
            continue
        word = clue["word1"].lower()
        if not WORD.fullmatch(word) or senses[word] > MAX_SENSES:
            continue
        value = STRENGTH[clue["type"]] * (1 if polarity == "positive" else -1)
        values[word].add(value)
        if clue.get("stemmed1") == "y":
            for form in inflect(word, clue["pos1"], irregular):
                inflections[form].add(value)
    chosen = {}
    for word, found in list(values.items()) + [(form, found) for form, found in inflections.items() if form not in values]:
        if word in taken or word in chosen or not WORD.fullmatch(word):
            continue
        if min(found) < 0 < max(found):
            continue  # both signs
        chosen[word] = max(found, key=abs)
    lines = [
        "# MPQA Subjectivity Lexicon, prior polarity of words VADER and Pattern lack: word<TAB>value (±2 strong clue, ±1 weak).",
        "# Source: subjclueslen1-HLTEMNLP05.tff (Wilson, Wiebe & Hoffmann, HLT/EMNLP 2005), from labMTsimple 2.8.8's source archive on PyPI.",
        "# Licence: GNU General Public License (the MPQA project's terms for the lexicon); this derived file stays under it.",
        f"# Kept: one sign per word, at most {MAX_SENSES} WordNet 3.0 senses, inflected forms of entries MPQA marks stemmed.",
        "# Written by scripts/lexicons/import-mpqa-subjectivity.py; ccgtext scales the values as set in rules.en.json.",
    ]
    lines += [f"{word}\t{chosen[word]}" for word in sorted(chosen)]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(chosen)} entries to {output}")


def read_clues():
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", "--disable-pip-version-check",
             LABMT_SIMPLE, "-d", folder],
            check=True)
        archive = next(Path(folder).glob("labMTsimple-*.tar.gz"))
        with tarfile.open(archive) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith(MEMBER))
            text = tar.extractfile(member).read().decode("utf-8")
    clues = []
    for line in text.splitlines():
        fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
        if "word1" in fields and fields.get("type") in STRENGTH:
            clues.append(fields)
    return clues


def wordnet_senses():
    """Senses per lemma over every part of speech, from WordNet's index files."""
    if not WORDNET.is_dir():
        sys.exit(f"{WORDNET} is missing: install Debian's wordnet-base")
    senses = Counter()
    for part in ("noun", "verb", "adj", "adv"):
        for line in (WORDNET / f"index.{part}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            senses[fields[0]] += int(fields[2])
    return senses


def wordnet_exceptions():
    """Irregular forms by (lemma, part of speech): WordNet's noun.exc and verb.exc read backwards."""
    irregular = defaultdict(list)
    for part in ("noun", "verb"):
        for line in (WORDNET / f"{part}.exc").read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                irregular[(fields[1], part)].append(fields[0])
    return irregular


def inflect(word, part, irregular):
    """Plural and verb forms by the regular English rules, plus WordNet's irregular ones."""
    forms = set()
    if part in ("noun", "anypos"):
        forms.update(irregular.get((word, "noun"), []))
        forms.add(plural(word))
    if part in ("verb", "anypos"):
        forms.update(irregular.get((word, "verb"), []))
        forms.add(plural(word))
        if word.endswith("e"):
            forms.update([word + "d", word[:-1] + "ing"])
        elif re.search(r"[^aeiou]y$", word):
            forms.update([word[:-1] + "ied", word + "ing"])
        else:
            forms.update([word + "ed", word + "ing"])
    return forms


def plural(word):
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def words_already_scored(lexicons):
    """Words the other sentiment files and the rules' lists already have."""
    taken = set()
    folder = lexicons / "sentiment"
    for name in ("vader_lexicon.txt", "pattern-en-adjectives.tsv", "overlay-health-policy.tsv"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                taken.add(line.split("\t")[0].lower())
    rules = json.loads((folder / "rules.en.json").read_text(encoding="utf-8"))
    for key in ("negators", "boosters", "contrastive", "concessive", "reducers", "idioms", "verbSenses"):
        taken.update(word.lower() for word in rules[key])
    return taken


if __name__ == "__main__":
    main()
