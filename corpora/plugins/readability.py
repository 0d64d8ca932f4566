#!/usr/bin/env python3
"""Readability for ccgtext: an external analyser in plain Python (standard library only).

It speaks ccgtext's plugin protocol 1 (docs/plugins.md) over stdin and stdout, one JSON object per line:
ccgtext says hello, this answers hello; then each batch of units gets one result line per unit. Words and
sentences come from ccgtext's own tokenizer (the "tokens" and "sentences" the manifest asks for), so the
counts agree with every other analyser's.

Flesch reading ease = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
(R. Flesch, "A new readability yardstick", Journal of Applied Psychology 32, 1948). Syllables are
estimated by counting vowel groups, a common approximation.
"""

import json
import re
import sys

PROTOCOL = 1
ID = "readability"
VERSION = "1.0.0"

VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word):
    word = word.lower()
    count = len(VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e: "practice", "make"
    return max(count, 1)


def analyse(unit):
    text = unit["text"]
    words = [text[start:end] for start, end, kind in unit["tokens"] if kind == "word"]
    sentences = max(len(unit["sentences"]), 1)
    if not words:
        return {"label": None, "fleschReadingEase": None, "wordsPerSentence": None, "syllablesPerWord": None, "words": 0}
    words_per_sentence = len(words) / sentences
    syllables_per_word = sum(syllables(word) for word in words) / len(words)
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    label = "easy" if ease >= 60 else "standard" if ease >= 30 else "difficult"
    return {
        "label": label,
        "fleschReadingEase": round(ease, 2),
        "wordsPerSentence": round(words_per_sentence, 2),
        "syllablesPerWord": round(syllables_per_word, 3),
        "words": len(words),
    }


def send(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main():
    for line in sys.stdin:
        message = json.loads(line)
        kind = message.get("type")
        if kind == "hello":
            if message.get("protocol") != PROTOCOL:
                sys.stderr.write("readability speaks protocol %d only\n" % PROTOCOL)
                return 1
            send({"type": "hello", "protocol": PROTOCOL, "id": ID, "version": VERSION})
        elif kind == "batch":
            for unit in message["units"]:
                try:
                    send({"type": "result", "batch": message["batch"], "unit": unit["id"], "result": analyse(unit)})
                except Exception as error:  # one bad unit must not cost the others their results
                    send({"type": "error", "batch": message["batch"], "unit": unit["id"], "message": repr(error)})
        elif kind == "bye":
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
