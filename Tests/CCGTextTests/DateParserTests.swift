@testable import CCGIngest
import Testing

/// Dates as pages and forums write them, in several languages and orders, read into ISO 8601; and text
/// that only looks like a date refused.
@Suite struct DateParserTests {
    @Test(arguments: [
        ("19 June 2015 2:58pm", "2015-06-19T14:58"),
        ("June 19, 2015", "2015-06-19"),
        ("2015-06-19T14:58:00Z", "2015-06-19T14:58Z"),
        ("« Reply #1 on: January 15, 2021, 05:00:12 PM »", "2021-01-15T17:00"),
        ("» Fri Jan 15, 2021 5:00 pm", "2021-01-15T17:00"),
        ("01-15-2021, 04:15 PM", "2021-01-15T16:15"),
        ("15-01-2021 16:15", "2021-01-15T16:15"),
        ("15/01/2021", "2021-01-15"),
        ("小鳳 於 2013/12/28 10:28", "2013-12-28T10:28"),
        ("Verfasst: Fr 15. Jan 2021, 17:00", "2021-01-15T17:00"),
        ("am 15. Januar 2021 um 17:00 Uhr", "2021-01-15T17:00"),
        ("Sie schrieb am 3. März 2021", "2021-03-03"),
        ("15.01.2021, 17:00", "2021-01-15T17:00"),
        ("le 15 janvier 2021 à 17h00", "2021-01-15T17:00"),
        ("15 févr. 2021", "2021-02-15"),
        ("15 de enero de 2021", "2021-01-15"),
        ("15 gennaio 2021", "2021-01-15"),
        ("15 stycznia 2021", "2021-01-15"),
        ("15 januari 2021", "2021-01-15"),
    ])
    func readsTheDate(_ text: String, _ expected: String) {
        #expect(DateParser.timestamp(text) == expected)
    }

    @Test(arguments: ["Reply #1", "Join Date: Mar 2015", "Version 4.2.5", "01-05-2021", "32 March 2021", "Posts: 1,234"])
    func refusesWhatIsNotADate(_ text: String) {
        #expect(DateParser.timestamp(text) == nil)
    }
}
