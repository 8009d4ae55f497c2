/// Every rule pm knows, in the order the checker runs them. A test fails when a `*Rule.swift` file is missing here.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        FrontMatterRule.self,
        RequiredFieldsRule.self,
        VisibilityValueRule.self,
        IDMatchesFilenameRule.self,
        UniqueIDRule.self,
        RequiredSectionsRule.self,
        SectionNotEmptyRule.self,
        NoPlaceholdersRule.self,
        TimelineFormatRule.self,
        TimelineOrderRule.self,
        TimestampsOrderRule.self,
        SummaryLengthRule.self,
        ActionItemOwnerRule.self,
        ActionItemDueRule.self,
        ActionItemsPresentRule.self,
        BlamelessLanguageRule.self,
        RelatedExistsRule.self,
        UnusedSuppressionRule.self,
    ]

    /// The rule with `id`, if any.
    static func rule(id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }
}
