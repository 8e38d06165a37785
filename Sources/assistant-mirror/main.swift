import MirrorCLI

MirrorCLI.main()
