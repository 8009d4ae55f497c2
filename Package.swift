// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pm", targets: ["pm"]),
        .executable(name: "pm-bench", targets: ["pm-bench"]),
        .executable(name: "pm-fuzz", targets: ["pm-fuzz"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        .target(name: "Git", dependencies: ["CLibgit2"]),
        // Its folders depend on each other one way (docs/architecture.md; LayeringTests checks it).
        .target(name: "PostmortemKit", dependencies: ["Git"]),
        .target(name: "PostmortemCLI", dependencies: ["PostmortemKit", "Git"]),
        .executableTarget(name: "pm", dependencies: ["PostmortemCLI"]),
        // `make bench`: generates a repository of postmortems and times pm against git in the same run.
        .executableTarget(name: "pm-bench", dependencies: [], path: "Sources/PMBench"),
        // `make fuzz`: libFuzzer targets for the parsers and the index reader; built normally, it replays inputs.
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "PostmortemFuzz", dependencies: ["PostmortemKit"]),
        .executableTarget(
            name: "pm-fuzz", dependencies: ["PostmortemFuzz", "PostmortemKit", "CLibFuzzer"], path: "Sources/PMFuzz"),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
        .testTarget(name: "PostmortemKitTests", dependencies: ["PostmortemKit", "Git", "TestSupport"]),
        .testTarget(name: "PostmortemCLITests", dependencies: ["PostmortemCLI", "PostmortemKit", "TestSupport"]),
        .testTarget(name: "PostmortemFuzzTests", dependencies: ["PostmortemFuzz", "PostmortemKit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PostmortemKit", "Git", "TestSupport"]),
    ]
)
