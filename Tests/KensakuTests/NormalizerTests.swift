import Testing
@testable import Kensaku
