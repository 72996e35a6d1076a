from csi_gen.cli import main

main()
