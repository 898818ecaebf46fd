"""The worksheet (dist/secret-history-19-worksheet.pdf) and its teacher's key
(dist/secret-history-19-worksheet-key.pdf): for each quotation of the chapter, questions that send a
student to the apparatus, and the answers the source list gives.

The questions are the editors' words (QUESTIONS, to be worded by the editors; the worksheet says
whose they are). Every fact in the key is the source list's, rendered from the checked model with
the formatters the site uses (tools/site/): the speaker and role, the trial, occasion and date, the
status and what it means, what the edition has seen of the wording, and which sources other than
Orlov's own books are cited. Where the source list knows nothing, the key says "not known" or "not
established", as the site does. Both are checked by the output guard like every other export.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ..guard.problem import Allowed
from ..model.dates import date_text
from ..model.edition import Checked
from ..model.html import markup, parse_fragment
from ..model.sourcelist import Quotation, Wording
from ..site.apparatus import shorten_quotation
from ..site.cited import cited, cited_list
from ..site.markup import prose, text
from .bookmeta import BookMeta
from .bookpages import Page, Relinker
from .exportcheck import guarded
from .fonts import Face
from .pdf import STYLESHEET, font_faces, head, qr

EXPORT = "the worksheet"
NOT_ESTABLISHED = "not established"
# The editors' questions, asked of every quotation: (a short label, the question and where to look).
# They send the student to the quotation's footnote and to the apparatus.
QUESTIONS = (
    ("Who, in what role", "Who spoke the words, and in what role? Look in the quotation’s footnote and under People."),
    (
        "Trial, occasion, date",
        "At which trial, on what occasion and on what date? Where the edition cannot say, what does it say instead? The footnote; The trials.",
    ),
    (
        "Status and its meaning",
        "What status does the edition give the quotation, and what does that status mean? The footnote; What the statuses mean.",
    ),
    (
        "What would verify it",
        "What would a historian need to see to verify the words, and what has the edition seen of them? Quotations: the wording, link by link.",
    ),
    (
        "Besides {author}",
        "Which sources besides {author}’s own book support it, and what does {author}’s reliability mean for it? About this edition; Sources.",
    ),
)


def quotations(checked: Checked) -> list[tuple[int, int, Quotation]]:
    """(note number, ¶ number, quotation), in the chapter's order."""
    found = []
    for q in checked.sources.quotations:
        place = checked.quotation_place.get(q.id)
        if place is not None and q.id in checked.note_number:
            found.append((checked.note_number[q.id], place.number, q))
    return sorted(found, key=lambda item: item[0])


def heading(note: int, paragraph: int, q: Quotation, checked: Checked) -> Markup:
    return Markup('<h2 id="{}">Note {} <span class="where">· para. {}</span></h2><p class="words">{}</p>').format(
        f"{q.id}", note, paragraph, shorten_quotation(checked.wording(q), 150)
    )


def asked(checked: Checked) -> list[tuple[str, str]]:
    """QUESTIONS, naming the author of the book the text is from."""
    return [(label.format(author=checked.author), q.format(author=checked.author)) for label, q in QUESTIONS]


def questions_list(checked: Checked) -> Markup:
    items = Markup("").join(
        Markup("<li><strong>{}.</strong> {}</li>").format(label, question) for label, question in asked(checked)
    )
    return Markup('<ol class="asked editors-words">{}</ol>').format(items)


def worksheet_body(checked: Checked) -> Markup:
    blocks = [questions_list(checked)]
    for note, paragraph, q in quotations(checked):
        lines = Markup("").join(
            Markup('<li><span class="label">{}</span></li>').format(label) for label, _ in asked(checked)
        )
        blocks.append(
            Markup('<section class="item">{}<ol class="answers">{}</ol></section>').format(
                heading(note, paragraph, q, checked), lines
            )
        )
    return Markup("\n").join(blocks)


def seen(label: str, wording: Wording | None, checked: Checked) -> Markup:
    if wording is None:
        return Markup("{}: not seen").format(label)
    return Markup("{}: seen ({})").format(label, cited(wording, checked.sources))


def key_answers(q: Quotation, checked: Checked) -> list[Markup]:
    """The source list's answers to QUESTIONS, in their order."""
    sources = checked.sources
    person = sources.person.get(q.speaker)
    speaker = Markup("{}, {}.").format(prose(person.name) if person else text(q.speaker), prose(q.role))
    trial = sources.trial.get(q.trial or "")
    where = (
        Markup("{}: <cite>{}</cite>").format(text(trial.short), prose(trial.title))
        if trial
        else Markup("Trial {}").format(NOT_ESTABLISHED)
    )
    if not trial and q.trial_note:
        where += Markup(" ({})").format(prose(q.trial_note))
    occasion = Markup("Occasion: {}. Date: {}.").format(
        prose(q.occasion or "not known"), text(date_text(q.date, q.date_inferred))
    )
    status = sources.statuses.get(q.status)
    meaning = Markup('<span class="status status-{}">{}</span> {}').format(
        q.status, status.label if status else q.status, status.meaning if status else ""
    )
    record = Markup("; ").join(
        [
            seen(f"{checked.author}’s Russian", q.russian, checked),
            seen("the official Report’s words", q.report_wording, checked),
        ]
    )
    report = sources.work.get(trial.report) if trial else None
    needed = (
        Markup("The words in the official report of the trial, <cite>{}</cite>, with its page. ").format(
            prose(report.title)
        )
        if report
        else Markup("First the trial and the session; then the words in that trial’s official report, with its page. ")
    )
    own = {sources.edition.work, sources.edition.translation} | ({q.russian.work} if q.russian else set())
    others = tuple(c for c in q.sources if c.work not in own)
    besides = (
        cited_list(others, sources)
        if others
        else Markup("none: the words rest on {}’s book alone").format(checked.author)
    )
    return [
        speaker,
        Markup("{}. {}").format(where, occasion),
        meaning,
        Markup("{}The edition’s record: {}.").format(needed, record),
        Markup("Sources cited besides {}’s own: {}.").format(checked.author, besides),
    ]


def key_body(checked: Checked) -> Markup:
    blocks = [questions_list(checked)]
    for note, paragraph, q in quotations(checked):
        answers = Markup("").join(
            Markup('<li><span class="label">{}:</span> {}</li>').format(label, answer)
            for (label, _), answer in zip(asked(checked), key_answers(q, checked), strict=True)
        )
        blocks.append(
            Markup('<section class="item">{}<ol class="facts">{}</ol></section>').format(
                heading(note, paragraph, q, checked), answers
            )
        )
    return Markup("\n").join(blocks)


def masthead(meta: BookMeta, title: str, lead: Markup) -> Markup:
    return Markup(
        '<header class="masthead">{qr}<h1>{title}</h1>'
        '<p class="kind">{book} · version of {version} · <a class="url" href="{url}">{url}</a></p>{lead}</header>'
    ).format(
        qr=Markup(markup(qr(meta.url, "the edition online"))),
        title=title,
        book=meta.title,
        version=meta.version,
        url=meta.url,
        lead=lead,
    )


STUDENT_LEAD = (
    '<p class="lead">For each quotation of the chapter, find the answers in the edition: its footnote (on the handout '
    "or online), and the apparatus pages named after each question. Write what the edition says, and where it "
    "cannot say, write that. Name your source for every answer.</p>"
    '<p class="editors-words">The questions are the editors’ words, not {}’s and not the sources’.</p>'
)
KEY_LEAD = Markup(
    '<p class="lead">The answers the edition’s source list gives, question by question. The questions are the editors’ '
    "words; every fact in the answers is the source list’s, as the edition prints it. Where the sources say nothing, the "
    "answer says <i>not known</i> or <i>not established</i>: a student who writes that has answered correctly.</p>"
)


def document(meta: BookMeta, checked: Checked, allowed: Allowed, faces: Sequence[Face], key: bool) -> str:
    """The worksheet (or, with `key`, the teacher's key) as an HTML document for WeasyPrint."""
    title = "Who said it, and how do we know? Teacher’s key" if key else "Who said it, and how do we know? A worksheet"
    content = parse_fragment(str(key_body(checked) if key else worksheet_body(checked)))
    content.tag = "section"
    page = Page("worksheet-key.html" if key else "worksheet.html", title, "generated", content)
    Relinker([], meta.url, one_document=True).relink(page)  # every link to the published edition
    guarded(EXPORT, page, allowed, "paper")
    css = font_faces(faces) + "\n" + STYLESHEET.read_text(encoding="utf-8") + "\n" + WORKSHEET_CSS
    body = Markup("{}\n{}").format(
        masthead(meta, title, KEY_LEAD if key else Markup(STUDENT_LEAD).format(checked.author)),
        Markup(markup(content, inner=True)),
    )
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="{}">\n<head>\n{}\n</head>\n<body class="worksheet{}">\n{}\n</body>\n</html>\n'
        ).format(meta.language, head(meta, f"{meta.title}: {title}", css), " key" if key else "", body)
    )


WORKSHEET_CSS = """
@page {
  size: A4;
  margin: 12mm 14mm 13mm 14mm;
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 7pt "Edition Sans"; color: #444; }
}
@page :first { @bottom-center { content: counter(page) " / " counter(pages); font: 7pt "Edition Sans"; color: #444; } }
html { font: 8.6pt/1.3 "Edition Sans"; }
.masthead { display: flow-root; border-bottom: .75pt solid #000; padding-bottom: 1.5mm; margin-bottom: 2mm; }
.masthead svg.qr { float: right; width: 17mm; height: 17mm; margin: 0 0 0 3mm; }
.masthead h1 { font-size: 13pt; margin: 0 0 1mm; }
.masthead p { margin: 0 0 1mm; }
.masthead .kind { font-size: 7.5pt; color: #333; }
.editors-words { font-style: italic; }
ol.asked { margin: 0 0 2mm; padding-left: 5mm; }
ol.asked li { margin: 0 0 .6mm; }
ol.asked strong { font-style: normal; }
.item { break-inside: avoid; margin: 0 0 1.5mm; }
.item h2 { font-size: 9.5pt; margin: 2.2mm 0 .4mm; }
.item .where { font-weight: normal; color: #333; }
.item .words { font: italic 8.6pt/1.3 "Edition Serif"; margin: 0 0 .5mm; }
ol.answers { margin: 0; padding-left: 5mm; }
ol.answers li { height: 8.4mm; border-bottom: .4pt solid #888; }
ol.answers .label { font-size: 7.5pt; color: #333; }
ol.facts { margin: 0; padding-left: 5mm; }
ol.facts li { margin: 0 0 .5mm; }
ol.facts .label { font-weight: bold; }
.key ol.asked { display: none; }
.status { font-size: 80%; }
"""
