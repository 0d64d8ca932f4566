import CCGIngest
import CCGModel
import CCGTestSupport
import Foundation
import Testing

/// Reader-comment threads in the markup families that sites use, on pages written for these tests: each
/// thread must come out with its authors, times, nesting and text, and none of it in the article body.
@Suite struct CommentThreadTests {
    let ingester = try! Ingester(lexicons: Fixtures.lexicons)

    static let story = [
        "The health board confirmed on Monday that the new clinic will open in the spring, two years later than planned.",
        "Managers blamed the delay on building costs, which rose by a third while the contract was being agreed.",
    ]

    /// One article, then `thread` where sites put their comments.
    static func page(_ thread: String) -> String {
        """
        <!doctype html><html><head><title>Clinic delayed | Example Gazette</title></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <main><article><h1>Clinic delayed</h1><div class="entry-content"><p>\(story[0])</p><p>\(story[1])</p></div></article>
        \(thread)
        </main></body></html>
        """
    }

    struct Expected {
        var author: String
        var date: String
        var text: String
        /// Index (in the expected list) of the comment this one replies to.
        var parent: Int?
    }

    static let thread = [
        Expected(author: "Jane Hill", date: "2019-03-04", text: "Two years late and a third over budget is not a delay, it is a failure of planning.", parent: nil),
        Expected(author: "Tom Reed", date: "2019-03-05", text: "Building costs rose everywhere, so I would not blame the board for that part of it.", parent: 0),
        Expected(author: "Ann Lee", date: "2019-03-06", text: "Will the outpatient services move across at the same time, or stay at the old site?", parent: nil),
    ]

    func check(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "page.html").document
        #expect(document.articleText == Self.story.joined(separator: "\n\n"), sourceLocation: sourceLocation)
        let comments = document.units.filter { $0.type == .comment }
        try #require(comments.count == Self.thread.count, "comments found: \(comments.map(\.text))", sourceLocation: sourceLocation)
        for (comment, expected) in zip(comments, Self.thread) {
            #expect(comment.author == expected.author, sourceLocation: sourceLocation)
            #expect(comment.timestamp?.hasPrefix(expected.date) == true, "\(comment.timestamp ?? "no time")", sourceLocation: sourceLocation)
            #expect(comment.text == expected.text, sourceLocation: sourceLocation)
            #expect(comment.replyTo == expected.parent.map { comments[$0].id }, sourceLocation: sourceLocation)
        }
    }

    @Test func wordPressNestedLists() throws {
        func item(_ index: Int, replies: String = "") -> String {
            let comment = Self.thread[index]
            return """
                <li id="comment-\(index)" class="comment even thread-even depth-1">
                  <article id="div-comment-\(index)" class="comment-body">
                    <footer class="comment-meta">
                      <div class="comment-author vcard"><img class="avatar" src="a.png"><b class="fn">\(comment.author)</b> <span class="says">says:</span></div>
                      <div class="comment-metadata"><a href="#comment-\(index)"><time datetime="\(comment.date)T09:15:00+00:00">\(comment.date)</time></a></div>
                    </footer>
                    <div class="comment-content"><p>\(comment.text)</p></div>
                    <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
                  </article>\(replies)
                </li>
                """
        }
        try check(Self.page("""
            <div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on “Clinic delayed”</h2>
            <ol class="comment-list">\(item(0, replies: "<ol class=\"children\">\(item(1))</ol>"))\(item(2))</ol>
            <div id="respond" class="comment-respond"><h3>Leave a Reply</h3>
            <form><p class="comment-form-author"><label>Name</label><input name="author"></p><p class="comment-form-comment"><textarea></textarea></p></form></div>
            </div>
            """))
    }

    @Test func articleOrSectionPerPost() throws {
        func post(_ index: Int, tag: String, replies: String = "") -> String {
            let comment = Self.thread[index]
            return """
                <\(tag) class="response"><header><span class="username">\(comment.author)</span>
                <time datetime="\(comment.date)T18:40">\(comment.date)</time></header><p>\(comment.text)</p>\(replies)</\(tag)>
                """
        }
        for tag in ["article", "section"] {
            try check(Self.page("""
                <section class="responses" aria-label="Reader responses"><h2>Responses</h2>
                \(post(0, tag: tag, replies: "<div class=\"replies\">\(post(1, tag: tag))</div>"))\(post(2, tag: tag))</section>
                """))
        }
    }

    @Test func disqusStyleStaticExport() throws {
        func post(_ index: Int, children: String = "") -> String {
            let comment = Self.thread[index]
            let day = Int(comment.date.suffix(2)) ?? 1
            return """
                <li class="post" id="post-\(index)"><div role="article"><div class="post-content"><div class="post-body">
                <header class="comment__header"><span class="post-byline"><span class="author publisher-anchor-color"><a href="/by/\(index)">\(comment.author)</a></span></span>
                <span class="post-meta"><a class="time-ago" href="#post-\(index)" title="\(day) March 2019 14:02">7 years ago</a></span></header>
                <div class="post-body-inner"><div class="post-message"><p>\(comment.text)</p></div></div>
                <footer><a class="vote-up">12</a> <a class="reply">Reply</a></footer>
                </div></div></div>\(children)</li>
                """
        }
        try check(Self.page("""
            <div id="disqus_thread"><div id="layout"><ul id="post-list" class="post-list">
            \(post(0, children: "<ul class=\"children\">\(post(1))</ul>"))\(post(2))</ul></div></div>
            """))
    }

    @Test func detailsThreads() throws {
        func post(_ index: Int, replies: String = "") -> String {
            let comment = Self.thread[index]
            return """
                <details open><summary><a class="author" href="/u/\(index)">\(comment.author)</a> · 12 points ·
                <time datetime="\(comment.date)T12:00:00Z">2h</time></summary>
                <div class="md"><p>\(comment.text)</p></div>\(replies)</details>
                """
        }
        // No class says "comments": the folded posts are recognised by their summaries.
        try check(Self.page("<div class=\"thread-view\">\(post(0, replies: post(1)))\(post(2))</div>"))
    }

    @Test func plainDivListsWithAuthorAndTime() throws {
        func note(_ index: Int, replies: String = "") -> String {
            let comment = Self.thread[index]
            let day = Int(comment.date.suffix(2)) ?? 1
            return """
                <div class="reader-note"><div class="commenter">\(comment.author)</div><div class="posted">\(day) March 2019 10:15</div>
                <p>\(comment.text)</p>\(replies)</div>
                """
        }
        try check(Self.page("""
            <div class="discussion"><h3>What readers say</h3>
            \(note(0, replies: "<ul class=\"replies\"><li>\(note(1))</li></ul>"))\(note(2))</div>
            """))
    }
}
