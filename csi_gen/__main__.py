from csi_gen.cli import run

run()
