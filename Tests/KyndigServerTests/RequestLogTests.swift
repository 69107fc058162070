import Testing
@testable import KyndigServer

/// The request log's duration: milliseconds with one decimal, rounded.
struct RequestLogTests {
    @Test(arguments: [
        (Duration.microseconds(12_345), "12.3"), (.microseconds(12_350), "12.4"), (.microseconds(49), "0.0"), (.microseconds(50), "0.1"),
        (.zero, "0.0"), (.seconds(2), "2000.0"), (.milliseconds(1_234_567), "1234567.0"),
    ])
    func durationsAreMillisecondsWithOneDecimal(duration: Duration, text: String) {
        #expect(RequestMiddleware.milliseconds(duration) == text)
    }
}
