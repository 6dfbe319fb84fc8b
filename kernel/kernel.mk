# Kernel modules, built with Kbuild against $(KDIR).
ALL_TARGETS += modules

modules:
	$(MAKE) -C $(KDIR) M=$(TOP) W=1 modules

# Into /lib/modules/$(KVER)/extra (under DESTDIR when packaging); on the
# running system the module index is rebuilt so modprobe finds them.
INSTALL_TARGETS += install-modules
install-modules: modules
	$(MAKE) -C $(KDIR) M=$(TOP) INSTALL_MOD_DIR=extra \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install
ifeq ($(DESTDIR),)
	depmod -a $(KVER)
endif
