import Frames
import Language
