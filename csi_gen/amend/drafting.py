"""The avenant's amendments: what changed between two rendered versions, as a jurist writes it.

Granularity, as a jurist chooses it:
- a point (an engagement) whose change is one short passage of one paragraph: its words are
  replaced (« Au 2° de l'article 7, les mots : « 20 en 2022 » sont remplacés par les mots :
  « 25 en 2022 » »), the passage widened until it is unique in the point;
- a point rewritten more widely: the point is replaced by its new wording;
- a new point: inserted after the point it follows (« 3° bis »), or added after the last one;
- a removed point: abrogated; its number stays in the consolidated text;
- an article without points, or whose introduction changed: its words replaced, or the
  article replaced;
- a new article (a partner who now commits): inserted after the article before it
  (« Après l'article 9, il est inséré un article 9 bis ainsi rédigé »);
- annexes whose text changed: replaced by the annexes joined to the avenant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from csi_gen.amend.units import Article, Point, Units
from csi_gen.document.context_avenant import Amendement
from csi_gen.errors import UsageError

MAX_WORDS = 12  # beyond, the passage is rewritten: the point or article is replaced
_WORDS = re.compile(r"\S+")


def amendments(old: Units, new: Units) -> list[Amendement]:
    """The amendments, in the order of the amended text's articles, then the annexes."""
    new_keys = {a.key for a in new.articles}
    for article in old.articles:
        if article.key not in new_keys:
            raise UsageError(
                f"l'article {article.label} du contrat (« {article.heading} ») n'existe plus dans "
                "la version modifiée : csi-gen ne rédige pas encore l'abrogation d'un article "
                "entier ; gardez l'article, ou rédigez cet avenant à la main."
            )
    by_key = {a.key: a for a in old.articles}
    found: list[Amendement] = []
    previous = ""
    for article in new.articles:
        before = by_key.get(article.key)
        if before is None:
            found.append(_amendment("article_insere", article=article.label, apres=previous,
                                    texte=[article.heading, *article.paragraphs()]))  # fmt: skip
        else:
            found += _article(before, article)
        previous = article.label
    changed = sorted(n for n in new.annexes if new.annexes[n] != old.annexes.get(n))
    if changed:
        found.append(_amendment("annexes_remplacees", annexes=changed))
    return found


def _amendment(genre: str, **values: object) -> Amendement:
    base: dict[str, object] = dict(
        genre=genre, article="", point="", apres="", mots_avant="", mots_apres="", texte=[],
        annexes=[],
    )  # fmt: skip
    base.update(values)
    return Amendement(**base)  # type: ignore[arg-type]


def _article(old: Article, new: Article) -> Iterator[Amendement]:
    if old.paragraphs() == new.paragraphs():
        return
    if old.intro != new.intro or not old.points:
        words = _words(old.paragraphs(), new.paragraphs())
        if words is not None:
            yield _amendment("mots_article", article=old.label, mots_avant=words[0],
                             mots_apres=words[1])  # fmt: skip
        else:
            yield _amendment("article_remplace", article=old.label, texte=new.paragraphs())
        return
    yield from _points(old, new)


def _points(old: Article, new: Article) -> Iterator[Amendement]:
    before = {p.label: p for p in old.points}
    last_old = old.points[-1].label
    previous = ""
    for point in new.points:
        was = before.get(point.label)
        if was is None:
            genre = "point_ajoute" if _after_all(point.label, last_old) else "point_insere"
            yield _amendment(genre, article=old.label, point=point.label, apres=previous,
                             texte=point.paragraphs)  # fmt: skip
        elif point.removed and not was.removed:
            yield _amendment("point_abroge", article=old.label, point=point.label)
        elif point.paragraphs != was.paragraphs:
            yield _changed_point(old.label, was, point)
        previous = point.label


def _after_all(label: str, last: str) -> bool:
    return " " not in label and int(label.rstrip("°")) > int(last.split("°")[0])


def _changed_point(article: str, old: Point, new: Point) -> Amendement:
    words = _words(old.paragraphs, new.paragraphs)
    if words is not None:
        return _amendment("mots", article=article, point=new.label, mots_avant=words[0],
                          mots_apres=words[1])  # fmt: skip
    return _amendment("point_remplace", article=article, point=new.label, texte=new.paragraphs)


def _words(old: list[str], new: list[str]) -> tuple[str, str] | None:
    """The passage replaced, when one short passage of one paragraph changed; else None."""
    if len(old) != len(new):
        return None
    differing = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    if len(differing) != 1:
        return None
    before, after = differing[0]
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    blocks = [op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
              if op[0] != "equal"]  # fmt: skip
    if not blocks:
        return None
    i1, i2, j1, j2 = blocks[0][1], blocks[-1][2], blocks[0][3], blocks[-1][4]
    if max(i2 - i1, j2 - j1) > MAX_WORDS:
        return None
    i1, i2, j1, j2 = _widened(a, b, (i1, i2, j1, j2), " ".join(old))
    if i1 < 0 or max(i2 - i1, j2 - j1) > MAX_WORDS:
        return None
    before_words, after_words = " ".join(a[i1:i2]), " ".join(b[j1:j2])
    while before_words[-1:] in ",;." and before_words[-1:] == after_words[-1:]:
        before_words, after_words = before_words[:-1], after_words[:-1]
    return before_words, after_words


def _widened(
    a: list[str], b: list[str], span: tuple[int, int, int, int], whole: str
) -> tuple[int, int, int, int]:
    """The passage widened, to the right first, until the words replaced are unique in the
    unit and not empty; (-1, …) when no passage is."""
    i1, i2, j1, j2 = span
    while i1 == i2 or whole.count(" ".join(a[i1:i2])) != 1:
        if i2 < len(a) and j2 < len(b):
            i2, j2 = i2 + 1, j2 + 1
        elif i1 > 0 and j1 > 0:
            i1, j1 = i1 - 1, j1 - 1
        else:
            return -1, -1, -1, -1
    return i1, i2, j1, j2
