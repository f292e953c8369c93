public enum Wijkbeeld { public static let version = "0.1.0" }
