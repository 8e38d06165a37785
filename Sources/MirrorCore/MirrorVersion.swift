/// The version of assistant-mirror, shown by `--version`, `status` and reports.
public enum MirrorVersion {
    public static let current = "0.1.0"
}
