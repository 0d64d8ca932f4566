import CCGIngest
import CCGModel
import CCGTestSupport
import Foundation
import Testing

/// Forum and social threads, one page per platform's markup, written for these tests after each
/// platform's public templates (vBulletin 4, Simple Machines 2, Discourse's crawler view, old and new
/// Reddit saved pages, Hacker News, schema.org JSON-LD). Every page carries the same conversation: the
/// opening post must be the document's main text with its author and time, and every reply a comment
/// with its author, time and the post it answers, with none of the furniture (names, ranks, "5 years
/// ago", scores) inside any text.
@Suite struct ForumThreadTests {
    let ingester = try! Ingester(lexicons: Fixtures.lexicons)

    struct Post {
        var author: String
        var time: String
        var text: String
        /// The post this one answers (an index into `posts`); nil for the opening post and a reply to it.
        var parent: Int?
    }

    static let topic = "Should cities ban cars from the centre?"
    static let posts = [
        Post(author: "alice", time: "2021-01-15T16:15", text: "Our council wants to close the high street to traffic next spring. Should cities ban cars from the centre?", parent: nil),
        Post(author: "bob", time: "2021-01-15T17:00", text: "I run a small shop on that street and most of my customers drive in from the villages.", parent: nil),
        Post(author: "carol", time: "2021-01-15T18:30", text: "The air on the high street is awful at rush hour and I would welcome the change.", parent: 1),
        Post(author: "dave", time: "2021-01-16T09:05", text: "Buses are the problem nobody mentions; without them the ban just moves the traffic.", parent: nil),
    ]

    /// Words of the furniture around posts that must never reach a unit's text.
    static let furniture = ["ago", "points", "Posts:", "Member", "permalink", "Reply", "2021", "Join Date", "Logged", "Likes"]

    func check(_ html: String, posts: [Post] = Self.posts, furniture: [String] = Self.furniture, topic: String = "ban cars from the centre",
        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "thread.html").document
        #expect(document.units.first { $0.type == .headline }?.text.contains(topic) == true,
            "headline: \(document.units.first { $0.type == .headline }?.text ?? "none")", sourceLocation: sourceLocation)
        let body = document.units.filter { $0.type == .body }
        try #require(body.count == 1, "body units: \(body.map(\.text))", sourceLocation: sourceLocation)
        #expect(body[0].text == posts[0].text, sourceLocation: sourceLocation)
        #expect(body[0].author == posts[0].author && document.authors == [posts[0].author], "\(body[0].author ?? "no author")", sourceLocation: sourceLocation)
        #expect(body[0].timestamp?.hasPrefix(posts[0].time) == true, "\(body[0].timestamp ?? "no time")", sourceLocation: sourceLocation)
        let comments = document.units.filter { $0.type == .comment }
        try #require(comments.count == 3, "comments found: \(comments.map(\.text))", sourceLocation: sourceLocation)
        for (comment, expected) in zip(comments, posts.dropFirst()) {
            #expect(comment.author == expected.author, sourceLocation: sourceLocation)
            #expect(comment.timestamp?.hasPrefix(expected.time) == true, "\(comment.author ?? ""): \(comment.timestamp ?? "no time")", sourceLocation: sourceLocation)
            #expect(comment.text.hasSuffix(expected.text), "\(comment.text)", sourceLocation: sourceLocation)
            let parent = expected.parent.flatMap { $0 >= 1 ? comments[$0 - 1].id : nil }
            #expect(comment.replyTo == parent, "\(expected.author) replies to \(comment.replyTo ?? "the post")", sourceLocation: sourceLocation)
            for word in furniture + [expected.author] {
                #expect(!comment.text.contains(word), "\"\(word)\" in \(comment.text)", sourceLocation: sourceLocation)
            }
        }
        for word in furniture { #expect(!body[0].text.contains(word), "\"\(word)\" in the opening post", sourceLocation: sourceLocation) }
    }

    /// phpBB 3.2 (prosilver): the date only as text after the name ("» Fri Jan 15, 2021 5:00 pm"), a
    /// quote as `<blockquote><cite>bob wrote:</cite>`.
    @Test func phpBBThreadWithTextDatesAndQuote() throws {
        let dates = ["Fri Jan 15, 2021 4:15 pm", "Fri Jan 15, 2021 5:00 pm", "Fri Jan 15, 2021 6:30 pm", "Sat Jan 16, 2021 9:05 am"]
        let items = Self.posts.enumerated().map { index, post in
            let id = 1000 + index
            let quote = post.parent.map { parent in
                """
                <blockquote><div><cite><a href="./memberlist.php?mode=viewprofile&amp;u=\(parent)">\(Self.posts[parent].author)</a> wrote: <a href="./viewtopic.php?p=\(1000 + parent)#p\(1000 + parent)" data-post-id="\(1000 + parent)">↑</a></cite>\(Self.posts[parent].text)</div></blockquote>
                """
            } ?? ""
            return """
                <div id="p\(id)" class="post has-profile bg\(1 + index % 2)"><div class="inner"><dl class="postprofile" id="profile\(id)"><dt class="has-profile-rank"><a href="./memberlist.php?mode=viewprofile&amp;u=\(index)" class="username">\(post.author)</a></dt>
                <dd class="profile-rank">Regular Member</dd><dd class="profile-posts"><strong>Posts:</strong> 12\(index)</dd><dd class="profile-joined"><strong>Joined:</strong> Mon Mar 02, 2015 9:00 am</dd></dl>
                <div class="postbody"><div id="post_content\(id)"><h3\(index == 0 ? " class=\"first\"" : "")><a href="#p\(id)">\(index == 0 ? "" : "Re: ")\(Self.topic)</a></h3>
                <p class="author"><a href="./viewtopic.php?p=\(id)#p\(id)" title="Post"><i class="icon fa-file fa-fw"></i><span class="sr-only">Post</span></a> <span class="responsive-hide">by <strong><a href="./memberlist.php?mode=viewprofile&amp;u=\(index)" class="username">\(post.author)</a></strong> &raquo; </span>\(dates[index]) </p>
                <div class="content">\(quote)\(post.text)</div></div></div><div class="back2top"><a href="#top" class="top" title="Top">Top</a></div></div></div><hr class="divider" />
                """
        }.joined()
        try check("""
            <!DOCTYPE html><html dir="ltr" lang="en-gb"><head><title>\(Self.topic) - Town Forum</title></head><body id="phpbb" class="nojs notouch section-viewtopic ltr">
            <div id="wrap" class="wrap"><div id="page-header"><div class="headerbar" role="banner"><div class="inner"><div id="site-description"><h1>Town Forum</h1><p>Talk about our town</p></div></div></div>
            <div class="navbar" role="navigation"><ul id="nav-breadcrumbs" class="nav-breadcrumbs linklist navlinks"><li class="breadcrumbs"><span class="crumb"><a href="./index.php">Board index</a></span></li></ul></div></div>
            <div id="page-body" class="page-body" role="main"><h2 class="topic-title"><a href="./viewtopic.php?t=5">\(Self.topic)</a></h2>
            <div class="action-bar bar-top"><a href="./posting.php?mode=reply&amp;t=5" class="button" title="Post a reply"><span>Post Reply</span></a><div class="pagination">4 posts &bull; Page <strong>1</strong> of <strong>1</strong></div></div>
            \(items)</div>
            <div id="page-footer" class="page-footer" role="contentinfo"><div class="copyright">Powered by <a href="https://www.phpbb.com/">phpBB</a>&reg; Forum Software &copy; phpBB Limited</div></div></div>
            </body></html>
            """)
    }

    /// vBulletin 4: `li.postcontainer#post_…` in `ol#posts`, the date as text in `span.date`, a user
    /// title and join date beside the name, and "Originally Posted by bob" quotes.
    @Test func vBulletinThread() throws {
        let dates = ["01-15-2021, 04:15 PM", "01-15-2021, 05:00 PM", "01-15-2021, 06:30 PM", "01-16-2021, 09:05 AM"]
        let items = Self.posts.enumerated().map { index, post in
            let id = 1000 + index
            let quote = post.parent.map { parent in
                """
                <div class="bbcode_container"><div class="bbcode_quote"><div class="quote_container"><div class="bbcode_quote_container"></div>
                <div class="bbcode_postedby"><img title="Originally Posted by" class="inlineimg" src="quote_icon.png" alt="Quote"> Originally Posted by <strong>\(Self.posts[parent].author)</strong>
                <a href="showthread.php?p=\(1000 + parent)#post\(1000 + parent)" rel="nofollow"><img class="inlineimg" src="viewpost-right.png" alt="View Post"></a></div>
                <div class="message">\(Self.posts[parent].text)</div></div></div></div>
                """
            } ?? ""
            return """
                <li class="postbitlegacy postbitim postcontainer old" id="post_\(id)">
                <div class="posthead"><span class="postdate old"><span class="date">\(dates[index].prefix(11))&nbsp;<span class="time">\(dates[index].dropFirst(12))</span></span></span>
                <span class="nodecontrols"><a name="post\(id)" href="showthread.php?t=5&amp;p=\(id)#post\(id)" class="postcounter">#\(index + 1)</a></span></div>
                <div class="postdetails"><div class="userinfo"><div class="username_container"><div class="popupmenu memberaction">
                <a class="username offline popupctrl" href="member.php?u=\(index)" title="\(post.author) is offline"><strong>\(post.author)</strong></a></div></div>
                <span class="usertitle">Junior Member</span>
                <hr><dl class="userinfo_extra"><dt>Join Date</dt> <dd>Mar 2015</dd><dt>Posts</dt> <dd>1,23\(index)</dd></dl></div>
                <div class="postbody"><div class="postrow"><h2 class="title icon">\(index == 0 ? "" : "Re: ")\(Self.topic)</h2>
                <div class="content"><div id="post_message_\(id)"><blockquote class="postcontent restore ">\(quote)\(post.text)</blockquote></div></div></div>
                <div class="cleardiv"></div></div></div>
                <div class="postfoot"><div class="textcontrols floatcontainer"><span class="postcontrols">
                <a class="newreply" href="newreply.php?do=newreply&amp;p=\(id)" rel="nofollow" title="Reply With Quote"><img src="quote_40b.png" alt="Reply With Quote"> Reply With Quote</a></span></div></div>
                <hr></li>
                """
        }.joined()
        try check("""
            <!DOCTYPE html><html><head><title>\(Self.topic) - Town Forums</title></head><body>
            <div class="above_body"><div id="header" class="floatcontainer doc_header"><a href="forum.php"><img src="logo.png" alt="Town Forums"></a></div>
            <div id="navbar" class="navbar"><ul id="navtabs" class="navtabs floatcontainer"><li><a class="navtab" href="forum.php">Forum</a></li><li><a href="search.php">Search</a></li></ul></div></div>
            <div class="body_wrapper"><div id="breadcrumb" class="breadcrumb"><ul class="floatcontainer"><li class="navbithome"><a href="index.php">Home</a></li><li class="navbit"><a href="forumdisplay.php?f=2">Town Talk</a></li></ul><hr></div>
            <div id="pagetitle"><h1>Thread: <span class="threadtitle"><a href="showthread.php?t=5">\(Self.topic)</a></span></h1></div>
            <div id="postlist" class="postlist restrain"><ol id="posts" class="posts" start="1">\(items)</ol></div>
            <div id="footer" class="floatcontainer footer"><ul class="footer_links"><li><a href="sendmessage.php">Contact Us</a></li></ul><p>Powered by vBulletin&reg; Version 4.2.5</p></div></div>
            </body></html>
            """)
    }

    /// Simple Machines 2.0: `div.windowbg` / `div.windowbg2` posts inside the quick-moderation form, the
    /// name in `div.poster h4`, the date as text ("« Reply #1 on: January 15, 2021, 05:00:12 PM »"), the
    /// text in `div.post div.inner`, "Quote from: bob on …" quotes.
    @Test func simpleMachinesThread() throws {
        let dates = ["January 15, 2021, 04:15:32 PM", "January 15, 2021, 05:00:12 PM", "January 15, 2021, 06:30:45 PM", "January 16, 2021, 09:05:01 AM"]
        let items = Self.posts.enumerated().map { index, post in
            let id = 1000 + index
            let quote = post.parent.map { parent in
                """
                <div class="quoteheader"><div class="topslice_quote"><a href="index.php?topic=5.msg\(1000 + parent)#msg\(1000 + parent)">Quote from: \(Self.posts[parent].author) on \(dates[parent])</a></div></div>
                <blockquote class="bbc_standard_quote">\(Self.posts[parent].text)<br /></blockquote><div class="quotefooter"><div class="botslice_quote"></div></div>
                """
            } ?? ""
            return """
                <div class="windowbg\(index % 2 == 0 ? "" : "2")"><span class="topslice"><span></span></span><div class="post_wrapper">
                <div class="poster"><h4><a href="index.php?action=profile;u=\(index)" title="View the profile of \(post.author)">\(post.author)</a></h4>
                <ul class="reset smalltext" id="msg_\(id)_extra_info"><li class="membergroup">Full Member</li><li class="stars"><img src="star.gif" alt="*" /></li><li class="postcount">Posts: 34\(index)</li></ul></div>
                <div class="postarea"><div class="flow_hidden"><div class="keyinfo"><div class="messageicon"><img src="xx.gif" alt="" /></div>
                <h5 id="subject_\(id)"><a href="index.php?topic=5.msg\(id)#msg\(id)" rel="nofollow">\(index == 0 ? "" : "Re: ")\(Self.topic)</a></h5>
                <div class="smalltext">&#171; <strong>\(index == 0 ? "on:" : "Reply #\(index) on:")</strong> \(dates[index]) &#187;</div><div id="msg_\(id)_quick_mod"></div></div></div>
                <div class="post"><div class="inner" id="msg_\(id)">\(quote)\(post.text)</div></div></div>
                <div class="moderatorbar"><div class="smalltext modified" id="modified_\(id)"></div><div class="smalltext reportlinks"><a href="index.php?action=reporttm">Report to moderator</a> &nbsp; Logged</div></div>
                </div><span class="botslice"><span></span></span></div>
                <hr class="post_separator" />
                """
        }.joined()
        try check("""
            <!DOCTYPE html><html><head><title>\(Self.topic)</title></head><body>
            <div id="wrapper"><div id="header"><div class="frame"><div id="top_section"><h1 class="forumtitle"><a href="index.php">Town Forum</a></h1></div>
            <div id="upper_section" class="middletext"><div class="user"><p>Welcome, <strong>Guest</strong>. Please <a href="index.php?action=login">login</a> or <a href="index.php?action=register">register</a>.</p></div></div>
            <div id="main_menu"><ul class="dropmenu" id="menu_nav"><li><a class="active firstlevel" href="index.php"><span class="firstlevel">Home</span></a></li></ul></div></div></div>
            <div id="content_section"><div class="frame"><div id="main_content_section">
            <div class="navigate_section"><ul><li><a href="index.php"><span>Town Forum</span></a> &#187;</li><li class="last"><a href="index.php?topic=5.0"><span>\(Self.topic)</span></a></li></ul></div>
            <div class="pagesection"><div class="pagelinks floatleft">Pages: [<strong>1</strong>]</div></div>
            <div id="forumposts"><div class="cat_bar"><h3 class="catbg"><span id="author">Author</span> Topic: \(Self.topic) &nbsp;(Read 1234 times)</h3></div>
            <form action="index.php?action=quickmod2;topic=5.0" method="post" accept-charset="UTF-8" name="quickModForm" id="quickModForm" style="margin: 0;">\(items)</form></div>
            </div></div></div>
            <div id="footer_section"><div class="frame"><ul class="reset"><li class="copyright"><span class="smalltext">Powered by SMF 2.0.19</span></li></ul></div></div></div>
            </body></html>
            """)
    }

    /// Discourse's crawler view: the opening post a schema.org `DiscussionForumPosting`, the replies
    /// `Comment`s, names in `span.creator`, `time.post-time`, quotes as `aside.quote[data-username]`.
    @Test func discourseThread() throws {
        let items = Self.posts.enumerated().map { index, post in
            let quote = post.parent.map { parent in
                """
                <aside class="quote no-group" data-username="\(Self.posts[parent].author)" data-post="\(parent + 1)" data-topic="123"><div class="title">
                <div class="quote-controls"></div><img alt="" width="24" height="24" src="avatar.png" class="avatar"> \(Self.posts[parent].author):</div>
                <blockquote><p>\(Self.posts[parent].text)</p></blockquote></aside>
                """
            } ?? ""
            let type = index == 0 ? "itemprop=\"mainEntity\" itemscope itemtype=\"http://schema.org/DiscussionForumPosting\"" : "itemprop=\"comment\" itemscope itemtype=\"http://schema.org/Comment\""
            return """
                <div id="post_\(index + 1)" \(type) class="topic-body crawler-post">
                <div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person">
                <a itemprop="url" href="https://talk.example.org/u/\(post.author)"><span itemprop="name">\(post.author)</span></a> (\(post.author.capitalized) Smith)</span>
                <span class="crawler-post-infos"><time itemprop="datePublished" datetime="\(post.time):00Z" class="post-time">January 15, 2021</time>
                <meta itemprop="dateModified" content="\(post.time):00Z"><span itemprop="position">\(index + 1)</span></span></div>
                <div class="post" itemprop="text">\(quote)<p>\(post.text)</p></div>
                <div itemprop="interactionStatistic" itemscope itemtype="http://schema.org/InteractionCounter"><meta itemprop="interactionType" content="http://schema.org/LikeAction"/>
                <meta itemprop="userInteractionCount" content="3" /><span class="post-likes">3 Likes</span></div></div>
                """
        }.joined()
        try check("""
            <!DOCTYPE html><html lang="en"><head><title>\(Self.topic) - Town Talk - Town Community</title></head><body class="crawler">
            <header><a href="/"><img src="logo.png" alt="Town Community" id="site-logo"></a></header>
            <div id="main-outlet" class="wrap" role="main"><div id="topic-title"><h1><a href="/t/should-cities-ban-cars-from-the-centre/123">\(Self.topic)</a></h1>
            <div class="topic-category" itemscope itemtype="http://schema.org/BreadcrumbList"><span itemprop="itemListElement"><a href="/c/town/5" class="badge-wrapper"><span itemprop="name">Town Talk</span></a></span></div></div>
            \(items)
            <div role="navigation" itemscope itemtype="http://schema.org/SiteNavigationElement" class="topic-body crawler-post"><span itemprop="name"><b><a rel="next" itemprop="url" href="/t/123?page=2">next page →</a></b></span></div></div>
            <footer class="container wrap"><nav class="crawler-nav"><ul><li><a href="/">Home</a></li><li><a href="/categories">Categories</a></li></ul></nav></footer>
            <footer id="noscript-footer"><p>Powered by <a href="https://www.discourse.org">Discourse</a>, best viewed with JavaScript enabled</p></footer>
            </body></html>
            """)
    }

    /// An old-Reddit (old.reddit.com) saved page: `div.thing` per post and comment, the texts inside
    /// `form.usertext`, nesting in `div.child`, a sidebar with more text than the post.
    @Test func oldRedditThread() throws {
        func comment(_ index: Int, children: String = "") -> String {
            let post = Self.posts[index]
            return """
                <div class=" thing id-t1_c\(index) noncollapsed   comment " id="thing_t1_c\(index)" data-fullname="t1_c\(index)" data-type="comment" data-author="\(post.author)" data-permalink="/r/town/comments/abc/x/c\(index)/">
                <p class="parent"><a name="c\(index)"></a></p><div class="midcol unvoted"><div class="arrow up login-required access-required" role="button" aria-label="upvote" tabindex="0"></div></div>
                <div class="entry unvoted"><p class="tagline"><a href="javascript:void(0)" class="expand">[–]</a><a href="https://old.reddit.com/user/\(post.author)" class="author may-blank id-t2_\(index)">\(post.author)</a><span class="userattrs"></span>
                <span class="score unvoted" title="1\(index)">1\(index) points</span> <time title="Fri Jan 15 2021 UTC" datetime="\(post.time):00+00:00" class="live-timestamp">5 years ago</time>&#32;<a href="javascript:void(0)" class="numchildren">(\(children.isEmpty ? 0 : 1) child)</a></p>
                <form action="#" class="usertext warn-on-unload" onsubmit="return post_form(this, 'editusertext')" id="form-t1_c\(index)x"><input type="hidden" name="thing_id" value="t1_c\(index)"/>
                <div class="usertext-body may-blank-within md-container "><div class="md"><p>\(post.text)</p></div></div></form>
                <ul class="flat-list buttons"><li class="first"><a href="https://old.reddit.com/r/town/comments/abc/x/c\(index)/" class="bylink" rel="nofollow">permalink</a></li><li><a href="javascript:void(0)" class="reply-button">reply</a></li></ul></div>
                <div class="child">\(children.isEmpty ? "" : "<div id=\"siteTable_t1_c\(index)\" class=\"sitetable listing\">\(children)</div>")</div><div class="clearleft"></div></div><div class="clearleft"></div>
                """
        }
        let rules = (1...6).map { "<li><p>Rule \($0): explain the reasoning behind your view, engage with those who reply, and do not accuse others of arguing in bad faith.</p></li>" }.joined()
        try check("""
            <!DOCTYPE html><html lang="en"><head><title>\(Self.topic) : town</title></head><body class="listing-page comments-page">
            <div id="header" role="banner"><a href="/" id="header-img" class="default-header">reddit.com</a><span class="hover pagename redditname"><a href="https://old.reddit.com/r/town/">town</a></span></div>
            <div class="side"><div class="spacer"><div class="titlebox"><h1 class="hover redditname"><a href="https://old.reddit.com/r/town/" class="hover">town</a></h1>
            <div class="usertext-body may-blank-within md-container "><div class="md"><p>A place for the people of our town to talk about what happens here.</p><ol>\(rules)</ol></div></div></div></div></div>
            <div class="content" role="main">
            <div id="siteTable" class="sitetable linklisting"><div class=" thing id-t3_abc odd link self" id="thing_t3_abc" data-fullname="t3_abc" data-type="link" data-author="alice" data-subreddit="town">
            <div class="midcol unvoted"><div class="score unvoted" title="57">57</div></div>
            <div class="entry unvoted"><div class="top-matter"><p class="title"><a class="title may-blank" href="/r/town/comments/abc/should_cities_ban_cars/">\(Self.topic)</a></p>
            <p class="tagline">submitted&#32;<time title="Fri Jan 15 2021 UTC" datetime="\(Self.posts[0].time):00+00:00" class="live-timestamp">5 years ago</time>&#32;by&#32;<a href="https://old.reddit.com/user/alice" class="author may-blank id-t2_0">alice</a></p>
            <ul class="flat-list buttons"><li class="first"><a href="/r/town/comments/abc/x/" class="bylink comments may-blank" rel="nofollow">4 comments</a></li><li class="share"><a class="post-sharing-button" href="javascript: void 0;">share</a></li></ul></div>
            <div class="expando"><form action="#" class="usertext warn-on-unload" onsubmit="return post_form(this, 'editusertext')" id="form-t3_abcx"><input type="hidden" name="thing_id" value="t3_abc"/>
            <div class="usertext-body may-blank-within md-container "><div class="md"><p>\(Self.posts[0].text)</p></div></div></form></div></div><div class="clearleft"></div></div></div>
            <div class="commentarea"><div class="panestack-title"><span class="title">all 3 comments</span></div><div class="menuarea"><div class="spacer"><span class="dropdown-title lightdrop">sorted by: </span>best</div></div>
            <div id="siteTable_t3_abc" class="sitetable nestedlisting">\(comment(1, children: comment(2)))\(comment(3))</div></div></div>
            <div class="footer-parent"><div class="footer rounded"><div class="col"><ul class="hover"><li class="flat-vert title">about</li><li><a href="https://www.redditinc.com/blog" class="choice">blog</a></li></ul></div></div></div>
            </body></html>
            """)
    }

    /// A new-Reddit saved page: `shreddit-post` and nested `shreddit-comment` elements that carry the
    /// author and time as attributes, the texts in slots.
    @Test func newRedditThread() throws {
        func comment(_ index: Int, depth: Int, children: String = "") -> String {
            let post = Self.posts[index]
            return """
                <shreddit-comment author="\(post.author)" thingid="t1_c\(index)" depth="\(depth)" permalink="/r/town/comments/abc/comment/c\(index)/" postid="t3_abc" score="1\(index)">
                <div slot="commentMeta" class="flex flex-row items-center"><faceplate-hovercard><a href="/user/\(post.author)/" class="font-bold">\(post.author)</a></faceplate-hovercard>
                <span class="inline-block"> • </span><faceplate-timeago ts="\(post.time):00.000Z"><time datetime="\(post.time):00.000Z" title="Friday, 15 January 2021">5y ago</time></faceplate-timeago></div>
                <div slot="comment" id="t1_c\(index)-comment-rtjson-content" class="md text-14"><p>\(post.text)</p></div>
                <shreddit-comment-action-row slot="actionRow" score="1\(index)"><span>1\(index) points</span> <button>Reply</button></shreddit-comment-action-row>
                \(children)</shreddit-comment>
                """
        }
        try check("""
            <!DOCTYPE html><html lang="en-GB"><head><title>\(Self.topic) : r/town</title></head><body>
            <reddit-header-large><nav aria-label="Primary"><a href="/">Reddit</a></nav></reddit-header-large>
            <div class="main-container"><main id="main-content" class="main w-full">
            <shreddit-post author="alice" created-timestamp="\(Self.posts[0].time):00.000000+0000" post-title="\(Self.topic)" id="t3_abc" post-type="text" score="57" comment-count="3" subreddit-prefixed-name="r/town">
            <div slot="credit-bar"><a href="/r/town/">r/town</a> • <faceplate-timeago ts="\(Self.posts[0].time):00.000Z"><time datetime="\(Self.posts[0].time):00.000Z">5y ago</time></faceplate-timeago>
            <a href="/user/alice/">alice</a></div>
            <h1 slot="title" id="post-title-t3_abc">\(Self.topic)</h1>
            <div slot="text-body"><div class="md text-14" id="t3_abc-post-rtjson-content"><p>\(Self.posts[0].text)</p></div></div>
            <span slot="comment-count">3 comments</span></shreddit-post>
            <shreddit-comment-tree post-id="t3_abc" totalcomments="3">\(comment(1, depth: 0, children: comment(2, depth: 1)))\(comment(3, depth: 0))</shreddit-comment-tree>
            </main><div id="right-sidebar-container"><aside aria-label="Community information"><h2>r/town</h2><p>A place for the people of our town to talk about what happens here, with rules that everybody reads before posting.</p></aside></div></div>
            </body></html>
            """)
    }

    /// Hacker News: tables, every comment a `tr.athing.comtr` sibling whose depth is the `indent` of its
    /// `td.ind`, the time in `span.age[title]`.
    @Test func hackerNewsThread() throws {
        func row(_ index: Int, indent: Int) -> String {
            let post = Self.posts[index]
            let id = 100 + index
            return """
                <tr class="athing comtr" id="\(id)"><td><table border="0"><tr><td class="ind" indent="\(indent)"><img src="s.gif" height="1" width="\(indent * 40)"></td>
                <td valign="top" class="votelinks"><center><a id="up_\(id)" href="vote?id=\(id)&amp;how=up&amp;goto=item%3Fid%3D100"><div class="votearrow" title="upvote"></div></a></center></td>
                <td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead"><a href="user?id=\(post.author)" class="hnuser">\(post.author)</a>
                <span class="age" title="\(post.time):00 1610727300"><a href="item?id=\(id)">5 years ago</a></span> <span id="unv_\(id)"></span><span class="navs"> | <a href="#\(id + 1)" class="clicky" aria-hidden="true">next</a> <a class="togg clicky" id="\(id)" n="1" href="javascript:void(0)">[–]</a></span></span></div><br>
                <div class="comment"><div class="commtext c00">\(post.text)</div><div class="reply"><p><font size="1"><u><a href="reply?id=\(id)&amp;goto=item%3Fid%3D100%23\(id)" rel="nofollow">reply</a></u></font></p></div></div></td></tr></table></td></tr>
                """
        }
        try check("""
            <html lang="en" op="item"><head><title>\(Self.topic) | Hacker News</title></head><body><center>
            <table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%" bgcolor="#f6f6ef">
            <tr><td bgcolor="#ff6600"><table border="0" cellpadding="0" cellspacing="0" width="100%" style="padding:2px"><tr><td style="width:18px;padding-right:4px"><a href="https://news.ycombinator.com"><img src="y18.svg" width="18" height="18"></a></td>
            <td style="line-height:12pt; height:10px;"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b><a href="newest">new</a> | <a href="front">past</a> | <a href="newcomments">comments</a> | <a href="ask">ask</a></span></td></tr></table></td></tr>
            <tr id="pagespace" title="\(Self.topic)" style="height:10px"></tr><tr><td>
            <table class="fatitem" border="0"><tr class="athing submission" id="100"><td align="right" valign="top" class="title"><span class="rank"></span></td>
            <td valign="top" class="votelinks"><center><a id="up_100" href="vote?id=100&amp;how=up"><div class="votearrow" title="upvote"></div></a></center></td>
            <td class="title"><span class="titleline"><a href="item?id=100">Ask HN: \(Self.topic)</a></span></td></tr>
            <tr><td colspan="2"></td><td class="subtext"><span class="subline"><span class="score" id="score_100">57 points</span> by <a href="user?id=alice" class="hnuser">alice</a>
            <span class="age" title="\(Self.posts[0].time):00 1610727300"><a href="item?id=100">5 years ago</a></span> <span id="unv_100"></span> | <a href="hide?id=100&amp;goto=item%3Fid%3D100">hide</a> | <a href="item?id=100">3&nbsp;comments</a></span></td></tr>
            <tr><td colspan="2"></td><td><div class="toptext">\(Self.posts[0].text)</div></td></tr>
            <tr style="height:10px"></tr><tr><td colspan="2"></td><td><form action="comment" method="post"><input type="hidden" name="parent" value="100"><textarea name="text" rows="8" cols="80" wrap="virtual"></textarea><br><br><input type="submit" value="add comment"></form></td></tr></table><br><br>
            <table border="0" class="comment-tree">\(row(1, indent: 0))\(row(2, indent: 1))\(row(3, indent: 0))</table><br><br></td></tr>
            <tr><td><img src="s.gif" height="10" width="0"><table width="100%" cellspacing="0" cellpadding="1"><tr><td bgcolor="#ff6600"></td></tr></table><br>
            <center><span class="yclinks"><a href="newsguidelines.html">Guidelines</a> | <a href="newsfaq.html">FAQ</a> | <a href="lists">Lists</a> | <a href="security.html">Security</a> | <a href="https://www.ycombinator.com/legal/">Legal</a></span></center></td></tr>
            </table></center></body></html>
            """)
    }

    /// A forum that renders its posts with script and states them only as schema.org JSON-LD: a
    /// `DiscussionForumPosting` with its `comment`s, a reply naming the comment it answers (`parentItem`).
    @Test func jsonLDDiscussionForumPosting() throws {
        func person(_ post: Post) -> [String: Any] { ["@type": "Person", "name": post.author, "url": "https://talk.example.org/u/\(post.author)"] }
        func comment(_ index: Int) -> [String: Any] {
            let post = Self.posts[index]
            var comment: [String: Any] = [
                "@type": "Comment", "@id": "https://talk.example.org/t/123#post-\(index + 1)", "author": person(post),
                "datePublished": post.time + ":00+00:00", "text": post.text,
            ]
            if let parent = post.parent { comment["parentItem"] = ["@id": "https://talk.example.org/t/123#post-\(parent + 1)"] }
            return comment
        }
        let posting: [String: Any] = [
            "@context": "https://schema.org", "@type": "DiscussionForumPosting", "@id": "https://talk.example.org/t/123#post-1",
            "headline": Self.topic, "author": person(Self.posts[0]), "datePublished": Self.posts[0].time + ":00+00:00",
            "text": Self.posts[0].text, "url": "https://talk.example.org/t/123",
            "comment": [comment(1), comment(2), comment(3)],
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: posting, options: [.sortedKeys]), as: UTF8.self)
        try check("""
            <!DOCTYPE html><html><head><title>\(Self.topic) | Town Talk</title>
            <script type="application/ld+json">\(json)</script></head><body>
            <div id="app"><noscript>This forum needs JavaScript to show its posts.</noscript><div class="loading">Loading…</div></div>
            <footer><p>Town Talk community</p></footer></body></html>
            """)
    }

    // MARK: - Not only English

    static let germanPosts = [
        Post(author: "anna", time: "2021-01-15T16:15", text: "Unser Stadtrat will die Hauptstraße im Frühjahr für Autos sperren. Sollten Städte Autos aus der Innenstadt verbannen?", parent: nil),
        Post(author: "bernd", time: "2021-01-15T17:00", text: "Ich habe einen kleinen Laden an dieser Straße, und die meisten Kunden kommen mit dem Auto aus den Dörfern.", parent: nil),
        Post(author: "clara", time: "2021-01-15T18:30", text: "Die Luft in der Hauptstraße ist zur Stoßzeit furchtbar, ich würde die Änderung begrüßen.", parent: 1),
        Post(author: "dieter", time: "2021-01-16T09:05", text: "Über die Busse redet niemand; ohne sie verlagert das Verbot nur den Verkehr.", parent: nil),
    ]

    /// A German phpBB board: "Verfasst: Fr 15. Jan 2021, 17:00", "Beiträge:", "bernd hat geschrieben:".
    @Test func germanPhpBBThread() throws {
        let dates = ["Fr 15. Jan 2021, 16:15", "Fr 15. Jan 2021, 17:00", "Fr 15. Jan 2021, 18:30", "Sa 16. Jan 2021, 09:05"]
        let posts = Self.germanPosts
        let items = posts.enumerated().map { index, post in
            let id = 2000 + index
            let quote = post.parent.map { parent in
                "<blockquote><div><cite><a href=\"./memberlist.php?mode=viewprofile&amp;u=\(parent)\">\(posts[parent].author)</a> hat geschrieben: <a href=\"./viewtopic.php?p=\(2000 + parent)#p\(2000 + parent)\">↑</a></cite>\(posts[parent].text)</div></blockquote>"
            } ?? ""
            return """
                <div id="p\(id)" class="post has-profile bg\(1 + index % 2)"><div class="inner"><dl class="postprofile"><dt><a href="./memberlist.php?mode=viewprofile&amp;u=\(index)" class="username">\(post.author)</a></dt>
                <dd class="profile-rank">Stammgast</dd><dd class="profile-posts"><strong>Beiträge:</strong> 31\(index)</dd><dd class="profile-joined"><strong>Registriert:</strong> Mo 2. Mär 2015, 09:00</dd></dl>
                <div class="postbody"><div id="post_content\(id)"><h3><a href="#p\(id)">\(index == 0 ? "" : "Re: ")Autos aus der Innenstadt verbannen?</a></h3>
                <p class="author"><a href="./viewtopic.php?p=\(id)#p\(id)" title="Beitrag"><span class="sr-only">Beitrag</span></a> <span class="responsive-hide">von <strong><a href="./memberlist.php?mode=viewprofile&amp;u=\(index)" class="username">\(post.author)</a></strong> &raquo; </span>\(dates[index]) </p>
                <div class="content">\(quote)\(post.text)</div></div></div><div class="back2top"><a href="#top" class="top" title="Nach oben">Nach oben</a></div></div></div><hr class="divider" />
                """
        }.joined()
        try check("""
            <!DOCTYPE html><html dir="ltr" lang="de"><head><title>Autos aus der Innenstadt verbannen? - Stadtforum</title></head><body id="phpbb" class="section-viewtopic">
            <div id="wrap" class="wrap"><div id="page-header"><div class="headerbar" role="banner"><div id="site-description"><h1>Stadtforum</h1><p>Alles über unsere Stadt</p></div></div>
            <div class="navbar" role="navigation"><ul class="nav-breadcrumbs"><li><a href="./index.php">Foren-Übersicht</a></li></ul></div></div>
            <div id="page-body" class="page-body" role="main"><h2 class="topic-title"><a href="./viewtopic.php?t=5">Autos aus der Innenstadt verbannen?</a></h2>\(items)</div>
            <div id="page-footer" class="page-footer" role="contentinfo"><div class="copyright">Powered by phpBB&reg; Forum Software &copy; phpBB Limited</div></div></div>
            </body></html>
            """, posts: posts, furniture: ["Beiträge", "Registriert", "Stammgast", "2021", "Nach oben", "hat geschrieben"], topic: "Innenstadt verbannen")
    }

    static let frenchPosts = [
        Post(author: "Amélie", time: "2021-01-15T16:15", text: "La mairie veut fermer la grand-rue aux voitures au printemps. Faut-il bannir les voitures du centre-ville ?", parent: nil),
        Post(author: "Bruno", time: "2021-01-15T17:00", text: "Je tiens une petite boutique dans cette rue et la plupart de mes clients viennent en voiture des villages.", parent: nil),
        Post(author: "Céline", time: "2021-01-15T18:30", text: "L'air de la grand-rue est irrespirable aux heures de pointe et je serais ravie du changement.", parent: 1),
        Post(author: "Denis", time: "2021-01-16T09:05", text: "Personne ne parle des bus ; sans eux l'interdiction ne fait que déplacer la circulation.", parent: nil),
    ]

    /// A French blog's comments ("commentaire" classes, "le 15 janvier 2021 à 17h00", "Bruno a écrit :")
    /// under a post: here the article is the blog post and every comment a reply.
    @Test func frenchBlogComments() throws {
        let dates = ["le 15 janvier 2021 à 16h15", "le 15 janvier 2021 à 17h00", "le 15 janvier 2021 à 18h30", "le 16 janvier 2021 à 09h05"]
        let posts = Self.frenchPosts
        let comments = posts.enumerated().dropFirst().map { index, post in
            let quote = post.parent.map { parent in
                "<blockquote class=\"citation\"><p class=\"citation-auteur\">\(posts[parent].author) a écrit :</p><p>\(posts[parent].text)</p></blockquote>"
            } ?? ""
            return """
                <li class="commentaire" id="commentaire-\(index)"><div class="commentaire-entete"><span class="auteur">\(post.author)</span>
                <span class="commentaire-date">\(dates[index])</span></div><div class="commentaire-texte">\(quote)<p>\(post.text)</p></div>
                <a class="repondre" href="#repondre">Répondre</a></li>
                """
        }.joined()
        let html = """
            <!DOCTYPE html><html lang="fr"><head><title>Faut-il bannir les voitures du centre-ville ? | Le blog de la ville</title></head><body>
            <nav><a href="/">Accueil</a> <a href="/blog">Blog</a></nav>
            <main><article><h1>Faut-il bannir les voitures du centre-ville ?</h1><p class="auteur-date">Par <span class="auteur">Amélie</span>, <time datetime="\(posts[0].time):00+01:00">\(dates[0])</time></p>
            <div class="contenu"><p>\(posts[0].text)</p></div><p>Partager</p></article>
            <section id="commentaires"><h2>3 commentaires</h2><ol class="liste-commentaires">\(comments)</ol>
            <form class="formulaire-commentaire"><p>Laisser un commentaire</p><textarea></textarea></form></section></main>
            <footer><p>Tous droits réservés.</p></footer></body></html>
            """
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "blog.html").document
        #expect(document.articleText == posts[0].text, "\(document.articleText)")
        let found = document.units.filter { $0.type == .comment }
        try #require(found.count == 3, "comments: \(found.map(\.text))")
        for (comment, expected) in zip(found, posts.dropFirst()) {
            #expect(comment.author == expected.author)
            #expect(comment.timestamp?.hasPrefix(expected.time) == true, "\(comment.timestamp ?? "no time")")
            #expect(comment.text.hasSuffix(expected.text), "\(comment.text)")
            #expect(!comment.text.contains("a écrit") && !comment.text.contains("2021") && !comment.text.contains("Répondre"), "\(comment.text)")
            #expect(comment.replyTo == expected.parent.flatMap { $0 >= 1 ? found[$0 - 1].id : nil })
        }
    }
}
