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

    /// `linked`: whether the layout shows who answers whom (nesting); flat threads closed by signature lines
    /// do not, so there only author, time and text are checked.
    func check(_ html: String, linked: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "page.html").document
        #expect(document.articleText == Self.story.joined(separator: "\n\n"), "\(document.articleText)", sourceLocation: sourceLocation)
        let comments = document.units.filter { $0.type == .comment }
        try #require(comments.count == Self.thread.count, "comments found: \(comments.map(\.text))", sourceLocation: sourceLocation)
        for (comment, expected) in zip(comments, Self.thread) {
            #expect(comment.author == expected.author, sourceLocation: sourceLocation)
            #expect(comment.timestamp?.hasPrefix(expected.date) == true, "\(comment.timestamp ?? "no time")", sourceLocation: sourceLocation)
            #expect(comment.text == expected.text, sourceLocation: sourceLocation)
            if linked { #expect(comment.replyTo == expected.parent.map { comments[$0].id }, sourceLocation: sourceLocation) }
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

    /// Movable Type and TypePad: after the "Comments" heading, each comment's paragraphs and then its
    /// `p.posted` signature ("Posted by: Jane Hill | March 4, 2019 9:15 AM"), an anchor between comments.
    @Test func movableTypeSignedComments() throws {
        let items = Self.thread.enumerated().map { index, comment in
            let day = Int(comment.date.suffix(2)) ?? 1
            return """
                <a id="c\(6558 + index)"></a><p>\(comment.text)</p>
                <p class="posted">Posted by: <a rel="nofollow" href="http://example.org/~\(index)">\(comment.author)</a> | March \(day), 2019 9:15:01 AM</p>
                """
        }.joined()
        let thread = """
            <h2><a id="comments"></a>Comments</h2>\(items)
            <form method="post" action="/comments"><p>Post a comment</p><textarea name="text"></textarea></form>
            """
        try check(Self.page(thread), linked: false)
    }

    /// Comments as siblings of the article, each naming itself a comment body (`div.commentbody by-…`) in a
    /// cell that names nothing, the writer only in the signature line ("Posted by: Jane Hill at …").
    @Test func commentBodiesBesideTheArticle() throws {
        let items = Self.thread.enumerated().map { index, comment in
            let day = Int(comment.date.suffix(2)) ?? 1
            return """
                <div class="commentbody by-\(comment.author.lowercased().replacingOccurrences(of: " ", with: "-"))"><a name="c\(9694 + index)"></a>
                <div id="c\(9694 + index)"><p>\(comment.text)</p></div>
                <p class="posted">Posted by: \(comment.author) at <a href="#c\(9694 + index)">March \(day), 2019  9:15 AM</a></p><hr class="comment-separator"></div>
                """
        }.joined()
        let html = """
            <!doctype html><html><head><title>Clinic delayed | Example Gazette</title></head><body><table class="main"><tr><td class="contentcell">
            <div class="indivbody"><h1>Clinic delayed</h1><p>\(Self.story[0])</p><p>\(Self.story[1])</p></div>
            <div class="commentform"><form><textarea></textarea></form></div>\(items)</td></tr></table></body></html>
            """
        try check(html, linked: false)
    }

    /// A thread of one comment (Movable Type's `div.comment-odd#comment-212098` in the comment area): a
    /// lone post is a comment when its numbered id names one, or when it carries an author and a time.
    @Test func aThreadOfOneComment() throws {
        let comment = Self.thread[0]
        let html = Self.page("""
            <div class="comments" id="comments"><h2>1 Comment</h2><div class="comments-content"><div class="comment-odd" id="comment-212098"><div class="inner">
            <div class="comment-content"><p>\(comment.text)</p></div></div></div></div></div>
            """)
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "page.html").document
        #expect(document.articleText == Self.story.joined(separator: "\n\n"))
        #expect(document.units.filter { $0.type == .comment }.map(\.text) == [comment.text])
    }

    // MARK: - Forum threads: the opening post is the main text, the replies its comments

    static let forumPosts: [(author: String, date: String, text: String)] = [
        ("alice", "2021-01-05", "Should cities ban cars from the centre? Our council wants to close the high street to traffic next spring."),
        ("bob", "2021-01-05", "I run a small shop on that street and most of my customers drive in from the villages."),
        ("carol", "2021-01-05", "The air on the high street is awful at rush hour and I would welcome the change."),
        ("dave", "2021-01-06", "Buses are the problem nobody mentions; without them the ban just moves the traffic."),
    ]

    func checkForum(_ html: String, times: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "thread.html").document
        let body = document.units.filter { $0.type == .body }
        try #require(body.count == 1, "body units: \(body.map(\.text))", sourceLocation: sourceLocation)
        #expect(body[0].text == Self.forumPosts[0].text, sourceLocation: sourceLocation)
        #expect(body[0].author == "alice" && document.authors == ["alice"], sourceLocation: sourceLocation)
        let comments = document.units.filter { $0.type == .comment }
        try #require(comments.count == 3, "comments found: \(comments.map(\.text))", sourceLocation: sourceLocation)
        for (comment, expected) in zip(comments, Self.forumPosts.dropFirst()) {
            #expect(comment.author == expected.author, sourceLocation: sourceLocation)
            #expect(comment.text.hasSuffix(expected.text), "\(comment.text)", sourceLocation: sourceLocation)
            // No author name, rank or time inside the text.
            #expect(!comment.text.contains(expected.author) && !comment.text.contains("member") && !comment.text.contains("2021"), sourceLocation: sourceLocation)
            if times { #expect(comment.timestamp?.hasPrefix(expected.date) == true, "\(comment.timestamp ?? "no time")", sourceLocation: sourceLocation) }
        }
    }

    /// phpBB 3 (prosilver): `div.post#p…` per post, the author in `p.author`, the date as plain text.
    @Test func phpBBThread() throws {
        let posts = Self.forumPosts.enumerated().map { index, post in
            """
            <div id="p\(1000 + index)" class="post has-profile bg\(1 + index % 2)"><div class="inner"><dl class="postprofile"><dt><a href="./memberlist.php?u=\(index)" class="username">\(post.author)</a></dt><dd class="profile-rank">Member</dd></dl>
            <div class="postbody"><h3><a href="#p\(1000 + index)">\(index == 0 ? "" : "Re: ")Should cities ban cars from the centre?</a></h3>
            <p class="author"><a href="./viewtopic.php?p=\(1000 + index)">Post</a> by <strong><a href="./memberlist.php?u=\(index)" class="username">\(post.author)</a></strong> &raquo; Tue Jan 05, 2021 4:15 pm</p>
            <div class="content">\(post.text)</div></div><div class="back2top"><a href="#top">Top</a></div></div></div><hr class="divider" />
            """
        }.joined()
        let html = """
            <!DOCTYPE html><html><head><title>Should cities ban cars from the centre? - Town Forum</title></head><body id="phpbb" class="section-viewtopic">
            <div id="wrap"><div id="page-header"><div class="navbar"><ul><li><a href="./index.php">Board index</a></li></ul></div></div>
            <div id="page-body"><h2 class="topic-title"><a href="./viewtopic.php?t=5">Should cities ban cars from the centre?</a></h2>\(posts)</div>
            <div id="page-footer"><p>Powered by phpBB Forum Software</p></div></div></body></html>
            """
        try checkForum(html, times: false)
        // The board's name is the page's h1; the topic, named beside it in <title>, is the headline and motion.
        let withSiteName = html.replacingOccurrences(of: "<div id=\"page-header\">", with: "<div id=\"page-header\"><div class=\"headerbar\"><h1>Town Forum</h1><p>Talk about our town</p></div>")
        let document = try ingester.ingest(bytes: Array(withSiteName.utf8), source: "thread.html").document
        #expect(document.units.first { $0.type == .headline }?.text == "Should cities ban cars from the centre?")
        #expect(document.debate?.motion == nil || document.debate?.motion == "Should cities ban cars from the centre?")
    }

    /// XenForo 2: `article.message--post#js-post-…`, `time.u-dt`, a user title under the name, and a
    /// quote of an earlier post ("bob said:") that links the reply to it.
    @Test func xenForoThread() throws {
        let posts = Self.forumPosts.enumerated().map { index, post in
            let quote = index == 3
                ? "<blockquote data-quote=\"bob\" class=\"bbCodeBlock bbCodeBlock--quote\"><div class=\"bbCodeBlock-title\"><a href=\"/goto/post?id=1001\">bob said:</a></div><div class=\"bbCodeBlock-content\">\(Self.forumPosts[1].text)</div></blockquote>"
                : ""
            return """
                <article class="message message--post js-post" id="js-post-\(1000 + index)"><div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user"><div class="message-userDetails"><h4 class="message-name"><a href="/members/\(post.author).\(index)/" class="username">\(post.author)</a></h4><h5 class="userTitle message-userTitle">Well-known member</h5></div></section></div>
                <div class="message-cell message-cell--main"><header class="message-attribution"><ul class="listInline"><li><a href="/threads/cars.5/post-\(1000 + index)"><time class="u-dt" datetime="\(post.date)T1\(index):15:00+0000">\(post.date)</time></a></li></ul></header>
                <div class="message-content"><article class="message-body"><div class="bbWrapper">\(quote)\(post.text)</div></article></div><footer class="message-footer"><a href="#" class="actionBar-action--reply">Reply</a></footer></div></div></article>
                """
        }.joined()
        let html = """
            <!DOCTYPE html><html><head><title>Should cities ban cars from the centre? | Town Forums</title></head><body data-template="thread_view">
            <div class="p-pageWrapper"><nav class="p-nav"><ul><li><a href="/forums/">Forums</a></li></ul></nav><div class="p-body"><div class="p-title"><h1 class="p-title-value">Should cities ban cars from the centre?</h1></div>
            <div class="block block--messages"><div class="block-body">\(posts)</div></div></div><footer class="p-footer">Community platform by XenForo</footer></div></body></html>
            """
        try checkForum(html, times: true)
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "thread.html").document
        let comments = document.units.filter { $0.type == .comment }
        #expect(comments.last?.replyTo == comments.first?.id)
    }

    /// A blog's front page repeats one author's posts (untitled here, so only the author tells): not a thread.
    @Test func aBlogFrontPageIsNotAThread() throws {
        let posts = Self.forumPosts.enumerated().map { index, post in
            "<div class=\"blogPost\" id=\"post-\(index + 1)\"><p>\(post.text)</p><div class=\"byline\">posted by Nate Johnson @ \(index + 9):30 AM</div></div>"
        }.joined()
        let html = "<!DOCTYPE html><html><head><title>Nate's blog</title></head><body><div id=\"main\">\(posts)</div></body></html>"
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "blog.html").document
        #expect(document.units.allSatisfy { $0.type != .comment })
    }
}
