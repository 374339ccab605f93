// placeholder replaced by the tensor core
