#!/usr/bin/env python3
"""Builds corpora/ccg/*.html: each seed scrape (.txt) rendered as the page its site would serve.

The words of every page are the scrape's own; the page furniture (doctype, head metadata, navigation,
cookie banner, share buttons, related links, rating widget, footer) is written here to be typical of
such sites, so the ingester's boilerplate removal is exercised. Dates, URLs and the fourth blog post's
title are illustrative (see corpora/ccg/README.md). Run from the repository root; output is committed.
"""
import html, json, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "ccg"
esc = html.escape

def lines(name):
    return (CORPUS / name).read_text(encoding="utf-8").replace("\u00a0", " ").split("\n")

def paras(items):
    return "\n".join(f"      <p>{esc(t)}</p>" for t in items if t.strip())

COOKIE = """  <div id="cookie-notice" class="cookie-banner" role="dialog" aria-label="Cookie policy notice">
    <h2>Cookie policy notice</h2>
    <p>By continuing to use this site you agree to our cookies policy below:</p>
    <p>Since 26 May 2011, the law now states that cookies on websites can ony be used with your specific consent. Cookies allow us to ensure that you enjoy the best browsing experience.</p>
    <button type="button" class="cookie-accept">Accept cookies</button>
  </div>"""

def page(*, site, title, description, url, published, authors, kind_type, section, body, nav, related, footer, extra_head=""):
    ld = {"@context": "https://schema.org", "@type": kind_type, "headline": title, "url": url,
          "publisher": {"@type": "Organization", "name": site}}
    if published: ld["datePublished"] = published
    if authors: ld["author"] = [{"@type": "Person", "name": a} for a in authors]
    meta_authors = "".join(f'\n  <meta name="author" content="{esc(a)}">' for a in authors)
    nav_html = "\n".join(f'        <li><a href="/{re.sub("[^a-z]+", "-", n.lower()).strip("-")}/">{esc(n)}</a></li>' for n in nav)
    related_html = "\n".join(f'        <li><a href="/{i}">{esc(r)}</a></li>' for i, r in enumerate(related, 1))
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)} | {esc(site)}</title>
  <meta name="description" content="{esc(description)}">{meta_authors}
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="{esc(site)}">
  <meta property="og:title" content="{esc(title)}">
  <meta property="og:url" content="{esc(url)}">
  <meta property="article:published_time" content="{published}">
  <meta property="article:section" content="{esc(section)}">
  <link rel="canonical" href="{esc(url)}">
  <link rel="stylesheet" href="/assets/site.css">
  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>{extra_head}
</head>
<body class="article-page">
{COOKIE}
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="site-header">
    <a class="logo" href="/">{esc(site)}</a>
    <nav class="main-nav" aria-label="Main">
      <ul>
{nav_html}
      </ul>
    </nav>
    <form class="search" action="/search"><input type="search" name="q" placeholder="Search"><button>Search</button></form>
  </header>
  <main id="main">
{body}
    <aside class="related-articles">
      <h2>Related articles</h2>
      <ul>
{related_html}
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <p>{esc(footer)}</p>
    <ul class="footer-links"><li><a href="/privacy">Privacy policy</a></li><li><a href="/cookies">Cookies</a></li><li><a href="/terms">Terms and conditions</a></li><li><a href="/contact">Contact us</a></li></ul>
  </footer>
</body>
</html>
"""

SHARE = """      <div class="share-buttons">
        <span>Share this article</span>
        <a class="share-twitter" href="https://twitter.com/intent/tweet">Twitter</a>
        <a class="share-linkedin" href="https://www.linkedin.com/shareArticle">LinkedIn</a>
        <a class="share-email" href="mailto:?subject=Shared%20article">Email</a>
      </div>"""

PULSE_NAV = ["News", "Views", "Clinical", "Practice business", "CPD", "Jobs"]
KF_NAV = ["Topics", "Publications", "Insight and analysis", "Events", "Leadership and development", "About us"]
PULSE_BANNER = '  <div class="audience-banner"><p>This site is intended for health professionals only</p></div>\n  <p class="site-strapline">At the heart of general practice since 1960</p>'

def write(name, text):
    (CORPUS / name).write_text(text, encoding="utf-8")

# 000: King's Fund blog, Chris Naylor.
L = [l for l in lines("000_76cff8764e637c07.txt") if l.strip()]
body = f"""    <article class="blog-post">
      <header class="article-header">
        <p class="breadcrumb"><a href="/">Home</a> / <a href="/blog">Blog</a></p>
        <h1>{esc(L[1])}</h1>
        <p class="byline">Chris Naylor</p>
        <p class="date"><time datetime="2013-07-10">10 July 2013</time></p>
      </header>
{SHARE}
      <div class="article-body">
{paras(L[2:])}
      </div>
    </article>"""
write("000_76cff8764e637c07.html", page(site="The King's Fund", title=L[1], description=L[2][:150], url="https://www.kingsfund.org.uk/blog/2013/07/ccgs-will-achieve-little-without-gp-support",
      published="2013-07-10", authors=["Chris Naylor"], kind_type="BlogPosting", section="Blog", body=body, nav=KF_NAV,
      related=["Clinical commissioning groups: supporting improvement in general practice?", "Integrated care: what is it?"], footer="The King's Fund is a registered charity: No. 1126980."))

# 001: King's Fund press release.
L = [l for l in lines("001_619a6445ac8cb7d8.txt") if l.strip()]
bul = [l.strip()[2:].strip() for l in L if l.strip().startswith("•")]
first_bullet = next(i for i, l in enumerate(L) if l.strip().startswith("•"))
after = L[first_bullet + len(bul):]
notes = after.index("Notes to editors")
body = f"""    <article class="press-release">
      <header class="article-header">
        <p class="content-type">Press release</p>
        <h1>{esc(L[0])}</h1>
        <p class="date"><time datetime="2013-07-16">16 July 2013</time></p>
        <div class="topics">This content relates to the following topics: <a href="/topics/clinical-commissioning">Clinical commissioning</a> <a href="/topics/general-practice">General practice</a></div>
      </header>
{SHARE}
      <div class="article-body">
{paras(L[2:first_bullet])}
      <ul>
{chr(10).join(f"        <li>{esc(b)}</li>" for b in bul)}
      </ul>
{paras(after[:notes])}
      <h2>Notes to editors</h2>
{paras(after[notes + 1:])}
      </div>
    </article>"""
write("001_619a6445ac8cb7d8.html", page(site="The King's Fund", title=L[0], description=L[2][:150], url="https://www.kingsfund.org.uk/press/press-releases/who-owns-ccgs",
      published="2013-07-16", authors=[], kind_type="NewsArticle", section="Press release", body=body, nav=KF_NAV,
      related=["Clinical commissioning groups: supporting improvement in general practice?", "The evolution of clinical commissioning"], footer="The King's Fund is a registered charity: No. 1126980."))

# 002: Pulse debate with reader comments.
T = lines("002_1a94dbf4a3711592.txt")
def block(start_marker, end_marker):
    a = T.index(start_marker) + 1; b = next(i for i in range(a, len(T)) if T[i].startswith(end_marker))
    return [l for l in T[a:b] if l.strip()]
yes = block("YES", "Dr Amanda Doyle-new-330px")
no = block("NO", "Rate this article")
def side(name, verdict, paragraphs, img):
    refs = paragraphs.index("Reference")
    return f"""      <section class="debate-side debate-side-{verdict.lower()}">
        <figure class="author-photo"><img src="/pictures/{img}" alt="{esc(name)}"></figure>
        <p class="debate-author byline">{esc(name)}</p>
        <h2 class="debate-verdict">{verdict}</h2>
{paras(paragraphs[:refs])}
        <h3>Reference</h3>
{paras(paragraphs[refs + 1:])}
      </section>"""
comments, current = [], None
ci = T.index("Readers' comments (16)")
for l in T[ci + 1:]:
    s = l.strip()
    if l.startswith("  • "):
        current = [s[2:].strip()]; comments.append(current)
    elif s.startswith("Unsuitable or offensive?") or s.startswith("View results") or s == "Have your say":
        current = None
    elif s and current is not None:
        current.append(s)
def comment_html(i, c):
    author = None; rest = c
    if len(c) > 1 and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", c[0]):
        author, rest = c[0], c[1:]
    parts = []
    for line in rest:
        if " | " in line:
            parts.append(f'          <blockquote class="comment-quote"><p>{esc(line)}</p></blockquote>')
        else:
            parts.append(f"          <p>{esc(line)}</p>")
    meta = f'        <div class="comment-meta"><a class="comment-author" href="/profile/{i}">{esc(author)}</a></div>\n' if author else ""
    return f"""      <li class="comment" id="comment-{1000 + i}">
{meta}        <div class="comment-body">
{chr(10).join(parts)}
        </div>
        <div class="comment-actions">Unsuitable or offensive? <a class="report-link" href="/report/{1000 + i}">Report this comment</a></div>
      </li>"""
stars = "\n".join(f'          <li><a href="#rate-{n}">{n} star{"s" if n > 1 else ""} out of 5</a></li>' for n in range(1, 6))
body = f"""{PULSE_BANNER}
    <article class="debate">
      <header class="article-header">
        <p class="breadcrumb"><a href="/">Home</a> / <a href="/views/">Views</a> / <a href="/views/debate/">Debate</a></p>
        <h1>Are CCGs a failed experiment?</h1>
        <p class="standfirst">{esc(T[T.index("Are CCGs a failed experiment?") + 2])}</p>
        <p class="date"><time datetime="2015-06-19T09:00:00+01:00">19 June 2015</time></p>
      </header>
{SHARE}
      <div class="debate-sides">
{side("Prof Azeem Majeed", "YES", yes, "azeem-majeed-330px.jpg")}
{side("Dr Amanda Doyle", "NO", no, "dr-amanda-doyle-new-330px.jpg")}
      </div>
      <div class="article-rating">
        <p>Rate this article (4 average user rating)</p>
        <p>Click to rate</p>
        <ul class="stars">
{stars}
        </ul>
        <p>0 out of 5 stars</p>
      </div>
    </article>
    <section class="comments" id="comments">
      <h2>Readers' comments (16)</h2>
      <ol class="comment-list">
{chr(10).join(comment_html(i, c) for i, c in enumerate(comments, 1))}
      </ol>
      <div class="pagination">View results <a href="?per=10">10 results per page</a><a href="?per=20">20 results per page</a></div>
      <h3>Have your say</h3>
      <form class="comment-form"><textarea name="comment"></textarea><button>Post comment</button></form>
    </section>"""
write("002_1a94dbf4a3711592.html", page(site="Pulse", title="Are CCGs a failed experiment?", description=T[T.index("Are CCGs a failed experiment?") + 2][:150],
      url="https://www.pulsetoday.co.uk/views/debate/are-ccgs-a-failed-experiment/", published="2015-06-19", authors=["Prof Azeem Majeed", "Dr Amanda Doyle"],
      kind_type="OpinionNewsArticle", section="Debate", body=body, nav=PULSE_NAV, related=["CCGs to take on primary care budgets", "GP leaders warn of CCG disengagement"],
      footer="Pulse is published by Cogora Limited. Copyright Cogora 2015."))

# 003: Pulse one-sided "Yes" piece.
L = [l for l in lines("003_2a00a1b55f312868.txt") if l.strip()]
body = f"""{PULSE_BANNER}
    <article class="opinion">
      <header class="article-header">
        <h1>{esc(L[1])}</h1>
        <p class="standfirst">{esc(L[2])}</p>
        <p class="date"><time datetime="2012-05-24">24 May 2012</time></p>
      </header>
{SHARE}
      <div class="article-body">
{paras(L[3:])}
      </div>
    </article>"""
write("003_2a00a1b55f312868.html", page(site="Pulse", title=L[1], description=L[2], url="https://www.pulsetoday.co.uk/views/should-ccgs-performance-manage-gp-practices-yes/",
      published="2012-05-24", authors=["Dr Charles Alessi"], kind_type="OpinionNewsArticle", section="Views", body=body, nav=PULSE_NAV,
      related=["Should CCGs performance manage GP practices? No", "CCG authorisation: what you need to know"], footer="Pulse is published by Cogora Limited. Copyright Cogora 2012."))

# 004: King's Fund blog (the scrape has no title line; the title here is illustrative).
L = [l for l in lines("004_6b0ec5433a147b8f.txt") if l.strip()]
fig1 = L.index("How engaged do you feel in the work of the CCG?")
intro, findings, rest = L[:L.index("The results of our second survey are published today and tell us that:") + 1], None, None
bullets = L[len(intro):fig1]
body = f"""    <article class="blog-post">
      <header class="article-header">
        <p class="breadcrumb"><a href="/">Home</a> / <a href="/blog">Blog</a></p>
        <h1>Happy anniversary, CCGs</h1>
        <p class="date"><time datetime="2014-04-01">1 April 2014</time></p>
      </header>
{SHARE}
      <div class="article-body">
{paras(intro)}
      <ul>
{chr(10).join(f"        <li>{esc(b)}</li>" for b in bullets)}
      </ul>
      <figure class="chart"><img src="/charts/engagement.png" alt="Bar chart"><figcaption>{esc(L[fig1])}</figcaption></figure>
      <figure class="chart"><img src="/charts/influence.png" alt="Bar chart"><figcaption>{esc(L[fig1 + 1])}</figcaption></figure>
{paras(L[fig1 + 2:])}
      </div>
    </article>"""
write("004_6b0ec5433a147b8f.html", page(site="The King's Fund", title="Happy anniversary, CCGs", description=L[0][:150], url="https://www.kingsfund.org.uk/blog/2014/04/happy-anniversary-ccgs",
      published="2014-04-01", authors=[], kind_type="BlogPosting", section="Blog", body=body, nav=KF_NAV,
      related=["Clinical commissioning: GPs in charge?", "Supporting improvement in general practice"], footer="The King's Fund is a registered charity: No. 1126980."))
print("wrote", sorted(p.name for p in CORPUS.glob("*.html")))
