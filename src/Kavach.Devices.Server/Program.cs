// The device management host; its composition lands with the host's own code.
return 0;
