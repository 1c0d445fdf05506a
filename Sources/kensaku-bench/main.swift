import Kensaku
print("bench")
