import MirrorCLI

await MirrorCLI.main()
