import { contextBridge, ipcRenderer } from 'electron'
import { exposeApi } from './preload-api.js'

exposeApi(contextBridge, ipcRenderer)
