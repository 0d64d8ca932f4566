"""How far the zero-shot argument lean's kind of signal goes on Procon20, measured rather than guessed.

Reads the lean's own reading of each text (`ccgtext train argument-lean --write-signals`: one row per
sentence with its sentiment, denial, share of the text's mean and text) for PERSPECTRUM's train split and
Procon20's train and dev splits, and prints two tables:

1. Transfer: the four shipped signals plus one more family at a time, fit on PERSPECTRUM train (as the
   shipped weights are) and scored on Procon20 dev and train by the sign of the lean.
2. Ceiling: the same signals fit on Procon20's own train split, scored by 5-fold cross-validation with the
   folds drawn by question (every question's arguments in one fold), so each score is for questions the fit
   never saw, and on dev (the same questions as train).

Procon20's test split is never read. Run through scripts/stance-lean-ablations.sh, which writes the signal
files with the release build and installs scikit-learn into a virtual environment.
"""

import argparse
import csv
import math
import re
import sys
from collections import defaultdict
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Function words left out when asking whether a sentence names the question's words.
STOP = set(
    "a an the of to in on for and or be is are was were should would could do does did have has had it its "
    "this that these those there their they them by with as at from than more most less can will not no any "
    "all some such into about over under between which who whom what when where why how if us".split()
)
NEGATORS = set(
    "not no never without lack lacks lacking cannot nothing none neither nor n't isn't aren't don't doesn't "
    "didn't won't can't wouldn't".split()
)
MODAL = re.compile(r"\b(?:should|must|ought to|need to|needs to)\b")
HEDGE = re.compile(r"\b(?:may|might|could|perhaps|possibly|likely|probably|seems?|suggests?)\b")
REPORTED = re.compile(r"\b(?:said|says|according|argues?|argued|claims?|claimed|contends?|believes?|stated|wrote)\b")


def words(text):
    return WORD.findall(text.lower().replace("\u2019", "'"))


def stem(word):
    return word[:5]


class Texts:
    """One signals file: per-sentence rows grouped into texts, in file order."""

    def __init__(self, path):
        self.ids, self.targets, self.labels = [], [], []
        self.sentences = []  # per text: list of dicts
        previous = None
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                # A text's rows are consecutive, sentences in order; ids can repeat (PERSPECTRUM lists a few
                # perspectives twice under one claim, and the fit counts both), so a text starts where the id
                # changes or the sentence index does not grow.
                if previous is None or row["id"] != previous["id"] or int(row["sentence"]) <= int(previous["sentence"]):
                    self.ids.append(row["id"])
                    self.targets.append(row["target"])
                    self.labels.append(1 if row["label"] == "favor" else 0)
                    self.sentences.append([])
                previous = row
                polarity = -1.0 if row["motion_negative"] == "1" else 1.0
                sentiment = float(row["sentiment"])
                denial = float(row["denial"])
                self.sentences[-1].append(
                    {
                        "share": float(row["share"]),
                        "sentence": int(row["sentence"]),
                        "polarity": polarity,
                        "sentiment": sentiment,
                        "denial": denial,
                        "text": row["text"],
                        "words": words(row["text"]),
                        "base": [sentiment, sentiment * polarity, denial, denial * polarity],
                    }
                )
        self.y = np.array(self.labels)

    def __len__(self):
        return len(self.ids)

    def base(self):
        """The four shipped signals, each text's share-weighted mean."""
        return np.array([np.sum([s["share"] * np.array(s["base"]) for s in text], axis=0) for text in self.sentences])

    def mean(self, signal):
        """A per-sentence signal(sentence, target) as each text's share-weighted mean."""
        return np.array(
            [sum(s["share"] * signal(s, target) for s in text) for text, target in zip(self.sentences, self.targets)]
        )


@lru_cache(maxsize=None)
def question_stems(target):
    """Stems of a question's content words, worked out once per question (every sentence asks)."""
    return frozenset(stem(w) for w in words(target) if w not in STOP and len(w) > 2)


def names_question(sentence, target):
    return 1.0 if question_stems(target) & {stem(w) for w in sentence["words"]} else 0.0


def negates_question(sentence, target):
    stems = question_stems(target)
    tokens = sentence["words"]
    for position, word in enumerate(tokens):
        if word in NEGATORS and any(stem(w) in stems for w in tokens[position + 1 : position + 3] if w not in STOP):
            return 1.0
    return 0.0


SIGNALS = {
    "names a question word": [lambda s, t: names_question(s, t)],
    "sentiment of sentences naming a question word": [lambda s, t: s["sentiment"] * names_question(s, t)],
    "motion-signed sentiment of those sentences": [lambda s, t: s["sentiment"] * s["polarity"] * names_question(s, t)],
    "a negator just before a question word": [lambda s, t: negates_question(s, t)],
    "sentiment where a question word is negated": [lambda s, t: s["sentiment"] * negates_question(s, t)],
    "modal verb (should, must, need to)": [lambda s, t: 1.0 if MODAL.search(s["text"].lower()) else 0.0],
    "motion-signed sentiment with a modal verb": [
        lambda s, t: s["sentiment"] * s["polarity"] * (1.0 if MODAL.search(s["text"].lower()) else 0.0)
    ],
    "hedge (may, might, perhaps…)": [lambda s, t: 1.0 if HEDGE.search(s["text"].lower()) else 0.0],
    "reported speech (said, according, claims…)": [lambda s, t: 1.0 if REPORTED.search(s["text"].lower()) else 0.0],
    "rhetorical question, and its sentiment": [
        lambda s, t: 1.0 if s["text"].rstrip().endswith("?") else 0.0,
        lambda s, t: s["sentiment"] if s["text"].rstrip().endswith("?") else 0.0,
    ],
}


def accuracy(model, features, y):
    return float(np.mean(model.predict(features) == y))


def topic_general_vocabulary(texts, minimum_targets):
    """Words used under at least `minimum_targets` different targets: those that could carry across topics."""
    seen = defaultdict(set)
    for text, target in zip(texts.sentences, texts.targets):
        for sentence in text:
            for word in set(sentence["words"]):
                seen[word].add(target)
    return sorted(word for word, targets in seen.items() if len(targets) >= minimum_targets)


def word_features(texts, vocabulary, signed):
    """Share-weighted indicators of the vocabulary's words, and (signed) copies times the motion's slant."""
    column = {word: i for i, word in enumerate(vocabulary)}
    size = len(vocabulary)
    rows, cols, values = [], [], []
    for row, text in enumerate(texts.sentences):
        for sentence in text:
            for word in set(sentence["words"]):
                if word in column:
                    rows.append(row)
                    cols.append(column[word])
                    values.append(sentence["share"])
                    if signed:
                        rows.append(row)
                        cols.append(size + column[word])
                        values.append(sentence["share"] * sentence["polarity"])
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), size * (2 if signed else 1)))


def pair_features(texts, claim_vocabulary, word_vocabulary, index, grow):
    """Share-weighted indicators of (target word, text word) pairs: what a word argues under which predicate."""
    rows, cols, values = [], [], []
    for row, (text, target) in enumerate(zip(texts.sentences, texts.targets)):
        claim_words = sorted({w for w in words(target) if w in claim_vocabulary})
        if not claim_words:
            continue
        scale = 1 / math.sqrt(len(claim_words))
        for sentence in text:
            for word in set(sentence["words"]) & word_vocabulary:
                for claim_word in claim_words:
                    key = (claim_word, word)
                    if key not in index:
                        if not grow:
                            continue
                        index[key] = len(index)
                    rows.append(row)
                    cols.append(index[key])
                    values.append(sentence["share"] * scale)
    return rows, cols, values


def summary_statistics(texts):
    """Order-free and positional statistics of each text's sentences, for a non-linear model."""
    out = []
    for text in texts.sentences:
        sentiments = np.array([s["sentiment"] for s in text])
        denials = np.array([s["denial"] for s in text])
        out.append(
            [
                text[0]["polarity"],
                sentiments[0],
                denials[0],
                sentiments[-1],
                sentiments.min(),
                sentiments.max(),
                sentiments.mean(),
                float(np.mean(sentiments < -0.05)),
                float(np.mean(sentiments > 0.05)),
                denials.mean(),
                len(text),
                sum(len(s["words"]) for s in text),
            ]
        )
    return np.array(out)


def logistic(cost=1.0):
    return LogisticRegression(C=cost, max_iter=5000)


def grouped_cv_accuracy(make_model, features, texts, folds=5):
    predicted = np.zeros(len(texts), dtype=int)
    groups = np.array(texts.targets)
    for train, held_out in GroupKFold(n_splits=folds).split(features, texts.y, groups):
        model = make_model().fit(features[train], texts.y[train])
        predicted[held_out] = model.predict(features[held_out])
    return float(np.mean(predicted == texts.y))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--perspectrum", required=True, help="signals of PERSPECTRUM train (procon.org claims left out)")
    parser.add_argument("--procon-train", required=True, help="signals of Procon20 train")
    parser.add_argument("--procon-dev", required=True, help="signals of Procon20 dev")
    args = parser.parse_args()

    source = Texts(args.perspectrum)
    train = Texts(args.procon_train)
    dev = Texts(args.procon_dev)
    print(f"texts: PERSPECTRUM train {len(source)}, Procon20 train {len(train)}, dev {len(dev)}\n")

    def transfer(name, source_features, dev_features, train_features, cost=1.0):
        model = logistic(cost).fit(source_features, source.y)
        print(f"| {name} | {accuracy(model, dev_features, dev.y):.3f} | {accuracy(model, train_features, train.y):.3f} |")

    print("Fit on PERSPECTRUM train, scored on Procon20 (sign of the lean):\n")
    print("| signals | dev | train |")
    print("|---|---|---|")
    base = {"source": source.base(), "dev": dev.base(), "train": train.base()}
    transfer("the four shipped signals (refit)", base["source"], base["dev"], base["train"])
    extra = {}
    for name, signals in SIGNALS.items():
        columns = {
            split: np.column_stack([texts.mean(signal) for signal in signals])
            for split, texts in (("source", source), ("dev", dev), ("train", train))
        }
        extra[name] = columns
        transfer(
            "+ " + name,
            np.hstack([base["source"], columns["source"]]),
            np.hstack([base["dev"], columns["dev"]]),
            np.hstack([base["train"], columns["train"]]),
        )
    vocabulary = topic_general_vocabulary(source, 20)
    for signed in (False, True):
        matrices = [
            sparse.hstack([sparse.csr_matrix(base[split]), word_features(texts, vocabulary, signed)]).tocsr()
            for split, texts in (("source", source), ("dev", dev), ("train", train))
        ]
        label = f"+ {len(vocabulary)} words used under 20 or more PERSPECTRUM claims" + (", and motion-signed copies" if signed else "")
        transfer(label + ", C 0.03", *matrices, cost=0.03)
    claim_counts = defaultdict(int)
    for target in set(source.targets):
        for word in set(words(target)):
            claim_counts[word] += 1
    claim_vocabulary = {w for w, n in claim_counts.items() if n >= 10 and w not in STOP}
    word_vocabulary = set(topic_general_vocabulary(source, 20))
    index = {}
    pairs = {}
    for split, texts in (("source", source), ("dev", dev), ("train", train)):
        pairs[split] = pair_features(texts, claim_vocabulary, word_vocabulary, index, grow=split == "source")
    matrices = []
    for split, texts in (("source", source), ("dev", dev), ("train", train)):
        rows, cols, values = pairs[split]
        pair_matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), len(index)))
        matrices.append(sparse.hstack([sparse.csr_matrix(base[split]), pair_matrix]).tocsr())
    transfer(f"+ {len(index)} (claim word, text word) pairs, C 0.1", *matrices, cost=0.1)

    print("\nFit on Procon20 train itself: 5-fold cross-validation with folds by question, and dev:\n")
    print("| signals | train, unseen questions | dev, seen questions |")
    print("|---|---|---|")

    def ceiling(name, train_features, dev_features, make_model):
        cv = grouped_cv_accuracy(make_model, train_features, train)
        model = make_model().fit(train_features, train.y)
        print(f"| {name} | {cv:.3f} | {accuracy(model, dev_features, dev.y):.3f} |")

    ceiling("the four shipped signals", base["train"], base["dev"], logistic)
    every_train = np.hstack([base["train"]] + [columns["train"] for columns in extra.values()])
    every_dev = np.hstack([base["dev"]] + [columns["dev"] for columns in extra.values()])
    ceiling(f"+ all {every_train.shape[1] - 4} extra signals above", every_train, every_dev, logistic)
    procon_vocabulary = topic_general_vocabulary(train, 30)
    scale = 3.0  # the four dense signals against hundreds of sparse words under one C
    ceiling(
        f"+ {len(procon_vocabulary)} words used under 30 or more Procon20 questions, C 0.1",
        sparse.hstack([sparse.csr_matrix(base["train"] * scale), word_features(train, procon_vocabulary, False)]).tocsr(),
        sparse.hstack([sparse.csr_matrix(base["dev"] * scale), word_features(dev, procon_vocabulary, False)]).tocsr(),
        lambda: logistic(0.1),
    )
    ceiling(
        "the four signals and 12 sentence statistics, gradient-boosted trees",
        np.hstack([base["train"], summary_statistics(train)]),
        np.hstack([base["dev"], summary_statistics(dev)]),
        lambda: HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=3, random_state=0),
    )
    # Every word and word pair, as the trained model reads them: what knowing the questions is worth.
    joined = {split: [" ".join(s["text"] for s in text) for text in texts.sentences] for split, texts in (("train", train), ("dev", dev))}
    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    train_tfidf = tfidf.fit_transform(joined["train"])
    ceiling(
        f"word 1-2-gram TF-IDF alone ({train_tfidf.shape[1]} terms), C 1",
        train_tfidf,
        tfidf.transform(joined["dev"]),
        logistic,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
