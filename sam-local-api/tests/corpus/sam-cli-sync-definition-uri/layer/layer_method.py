def layer_method():
    return 6