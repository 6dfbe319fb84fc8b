# Kernel modules, built with Kbuild against $(KDIR).
ALL_TARGETS += modules

modules:
	$(MAKE) -C $(KDIR) M=$(TOP) W=1 modules

INSTALL_TARGETS += install-modules
install-modules: modules
	$(MAKE) -C $(KDIR) M=$(TOP) INSTALL_MOD_DIR=extra modules_install
