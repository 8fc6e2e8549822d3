#!/usr/bin/env python3
"""Write a plain blog-style corpus: the one Hugo and Zola users build (issue #21's table).

    python3 bench/plain_corpus.py N OUT [--seed S]

OUT becomes a Dossier site (site.yaml naming 10 topics, content/articles/NNNNNN.md): N
Markdown pages of about 600 words, each with front matter title, date and 1-3 topics (a taxonomy in the Hugo copy), and no
raw documents. bench/to_hugo.py turns it into the same Hugo site. The words are drawn from a
made-up vocabulary, so no page names people or places: what is measured is the generator's
own cost per page, not entity analysis. The same N and seed always give the same bytes.
"""

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

TOPICS = ["Economy", "Climate", "Health", "Energy", "Transport",
          "Housing", "Education", "Science", "Farming", "Trade"]


def vocabulary(rng, size=3000):
    """Pronounceable made-up words, with a Zipf-like weight so some repeat often."""
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    words = set()
    while len(words) < size:
        syllables = rng.choice((1, 2, 2, 3, 3, 4))
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables)))
    words = sorted(words)
    rng.shuffle(words)
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


def sentence(rng, words, weights):
    picked = rng.choices(words, weights, k=rng.randint(8, 20))
    return picked[0].capitalize() + " " + " ".join(picked[1:]) + "."


def page(rng, words, weights, day):
    title = sentence(rng, words, weights)[:-1]
    tags = rng.sample(TOPICS, rng.randint(1, 3))
    paragraphs, count = [], 0
    while count < 600:
        para = " ".join(sentence(rng, words, weights) for _ in range(rng.randint(3, 6)))
        count += len(para.split())
        paragraphs.append(para)
    front = [
        "---",
        f"title: {title}",
        f"date: {day.isoformat()}",
        "topics: [" + ", ".join(tags) + "]",
        "---",
        "",
    ]
    return "\n".join(front) + "\n\n".join(paragraphs) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words, weights = vocabulary(rng)
    articles = args.out / "content" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    topics = "".join(f"  - name: {t}\n" for t in TOPICS)
    (args.out / "site.yaml").write_text(
        "title: Plain corpus\nbase_url: https://example.org/\nlanguage: en\n"
        f"topics:\n{topics}"
    )
    start = date(2024, 1, 1)
    for i in range(args.n):
        day = start + timedelta(days=i * 365 // max(args.n, 1))
        (articles / f"{i:06}.md").write_text(page(rng, words, weights, day))


if __name__ == "__main__":
    main()
