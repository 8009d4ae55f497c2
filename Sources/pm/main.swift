import Foundation
import PostmortemCLI

exit(PM.main(Array(CommandLine.arguments.dropFirst())))
