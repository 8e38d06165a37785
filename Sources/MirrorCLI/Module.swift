public enum MirrorCLI {
    public static func main() {}
}
