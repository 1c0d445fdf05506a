import Kensaku
